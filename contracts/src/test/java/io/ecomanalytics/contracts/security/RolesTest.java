package io.ecomanalytics.contracts.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RolesTest {

    @Test
    void eachRoleCarriesTheRolesBelowIt() {
        assertThat(Roles.groupsOf("viewer")).containsExactly("viewer");
        assertThat(Roles.groupsOf("analyst")).containsExactly("viewer", "analyst");
        assertThat(Roles.groupsOf("admin")).containsExactly("viewer", "analyst", "admin");
    }

    @Test
    void rejectsUnknownRoles() {
        assertThatThrownBy(() -> Roles.groupsOf("root")).isInstanceOf(IllegalArgumentException.class);
        assertThat(Roles.parse(" Admin ")).contains("admin");
        assertThat(Roles.parse("root")).isEmpty();
    }
}
