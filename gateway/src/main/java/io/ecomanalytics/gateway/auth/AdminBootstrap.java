package io.ecomanalytics.gateway.auth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.ecomanalytics.contracts.security.JwtKeyCheck;
import io.ecomanalytics.contracts.security.Roles;
import io.ecomanalytics.gateway.config.GatewayConfig;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Creates the first admin when there is none: with {@code ADMIN_PASSWORD}, or a generated password logged once. Also refuses to
 * start without the signing key it is configured to use.
 */
public class AdminBootstrap {

    void onStart(@Observes StartupEvent event, UserRepository users, GatewayConfig config,
            @ConfigProperty(name = "smallrye.jwt.sign.key.location") Optional<String> signKey) {
        signKey.ifPresent(location -> JwtKeyCheck.requireFile("JWT_PRIVATE_KEY", location));
        if (users.anyWithRole(Roles.ADMIN)) {
            return;
        }
        Optional<String> given = config.adminPassword().filter(p -> !p.isBlank());
        String password = given.orElseGet(AdminBootstrap::randomPassword);
        users.insert(config.adminUsername(), BcryptUtil.bcryptHash(password), Roles.ADMIN);
        if (given.isPresent()) {
            Log.infof("created admin user '%s' with the password from ADMIN_PASSWORD", config.adminUsername());
        } else {
            Log.warnf("created admin user '%s' with generated password %s (shown once; set ADMIN_PASSWORD to choose it)",
                    config.adminUsername(), password);
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
