package io.ecomanalytics.contracts.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class RequestIdsTest {
    @Test
    void keepsAShortPlainIdFromTheCaller() {
        assertThat(RequestIds.of("order-42.retry:1")).isEqualTo("order-42.retry:1");
    }

    @Test
    void replacesAMissingLongOrUnsafeIdWithARandomVersion4Uuid() {
        for (String given : new String[]{null, "", "a b", "line\nbreak", "<script>", "x".repeat(129)}) {
            UUID id = UUID.fromString(RequestIds.of(given));
            assertThat(id.version()).as("version of the id made for %s", given).isEqualTo(4);
            assertThat(id.variant()).as("variant of the id made for %s", given).isEqualTo(2);
        }
    }

    @Test
    void madeIdsDoNotRepeat() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            ids.add(RequestIds.of(null));
        }
        assertThat(ids).hasSize(100_000);
    }
}
