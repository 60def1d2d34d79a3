package io.ecomanalytics.contracts.security;

import java.util.Set;
import java.util.TreeSet;

import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who called, as the verified token says: the user name and the roles it carries. */
public record Caller(String name, Set<String> roles) {

    public static Caller of(JsonWebToken token) {
        return new Caller(token.getName(), new TreeSet<>(token.getGroups()));
    }
}
