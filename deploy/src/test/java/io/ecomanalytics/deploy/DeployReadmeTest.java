package io.ecomanalytics.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** A newcomer following deploy/README.md finds every file it names. */
class DeployReadmeTest {
    /** Back-quoted repository paths: deploy/…, a module's Dockerfile, docker-compose.yml. */
    private static final Pattern PATH = Pattern
            .compile("`((?:deploy|[a-z-]+/src/main/docker)/[A-Za-z0-9_./-]+|docker-compose\\.yml)`");

    @Test
    void namesOnlyFilesThatExist() {
        Path root = ServiceModule.root();
        String readme = ServiceModule.text(root.resolve("deploy/README.md"));
        Matcher m = PATH.matcher(readme);
        List<String> named = new ArrayList<>();
        while (m.find()) {
            named.add(m.group(1));
        }
        assertThat(named).as("paths named in deploy/README.md").isNotEmpty();
        assertThat(named).allSatisfy(p -> assertThat(root.resolve(p)).as(p).exists());
    }
}
