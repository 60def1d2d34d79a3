package io.ecomanalytics.gateway.routing;

/**
 * The one spelling of a path the gateway accepts: lower-case ASCII letters, digits, {@code - _ .} and single slashes, no
 * {@code .}/{@code ..} segment, no trailing slash. Anything else (matrix parameters, percent-encoding, {@code //}, backslashes,
 * non-ASCII, upper case) is refused rather than normalised: the rule table judges exactly the path the backend is sent, and a
 * backend that reads a path differently than the gateway (drops a {@code ;x=1}, decodes {@code %2F}, folds case) cannot be
 * reached under a rule meant for another route. No route needs more: ids are digits or lower-case UUIDs, dates ISO.
 */
public final class CanonicalPath {
    private CanonicalPath() {
    }

    /** What is wrong with this raw (undecoded) path, or null when it is canonical. */
    public static String problem(String path) {
        if (path == null || !path.startsWith("/")) {
            return "the path must start with '/'";
        }
        for (int i = 0; i < path.length(); i++) {
            String wrong = character(path.charAt(i));
            if (wrong != null) {
                return wrong;
            }
        }
        if (path.contains("//")) {
            return "empty path segment ('//') in the path";
        }
        if (path.length() > 1 && path.endsWith("/")) {
            return "trailing '/' in the path";
        }
        for (String segment : path.substring(1).split("/")) {
            if (segment.equals(".") || segment.equals("..")) {
                return "'" + segment + "' segment in the path";
            }
        }
        return null;
    }

    private static String character(char c) {
        if (c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '/' || c == '-' || c == '_' || c == '.') {
            return null;
        }
        if (c == ';') {
            return "matrix parameters (';') in the path";
        }
        if (c == '%') {
            return "percent-encoding in the path (no route needs it)";
        }
        if (c == '\\') {
            return "backslash in the path";
        }
        if (c >= 'A' && c <= 'Z') {
            return "upper-case letter in the path (every route is lower case)";
        }
        if (c < 0x20 || c == 0x7f) {
            return "control character in the path";
        }
        if (c > 0x7f) {
            return "non-ASCII character in the path";
        }
        return "character '" + c + "' in the path";
    }
}
