package io.ecomanalytics.metrics.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ecomanalytics.contracts.geo.Region;
import io.vertx.redis.client.impl.ZModem;

/** The two key layouts by name, and the slots a Redis Cluster gives the hash-tagged one (CRC16 as the cluster computes it). */
class MetricKeysTest {
    private static final LocalDate DAY = LocalDate.parse("2026-12-07");
    private final MetricKeys plain = new MetricKeys(false);
    private final MetricKeys tagged = new MetricKeys(true);

    @Test
    void withoutHashTagsTheKeysKeepTheOriginalNames() {
        assertThat(List.of(plain.revenue(DAY), plain.orders(DAY), plain.activeCustomers(DAY), plain.topProducts(DAY),
                plain.regionRevenue(Region.SUDESTE, DAY), plain.applied(DAY), plain.rebuilding(DAY)))
                .containsExactly("faturamento:2026-12-07", "pedidos_count:2026-12-07", "clientes_ativos:2026-12-07",
                        "top_produtos:2026-12-07", "vendas_por_regiao:SUDESTE:2026-12-07", "metrics:applied:{2026-12-07}",
                        "metrics:rebuilding:{2026-12-07}");
    }

    @Test
    void withHashTagsTheDayIsTheTag() {
        assertThat(List.of(tagged.revenue(DAY), tagged.orders(DAY), tagged.activeCustomers(DAY), tagged.topProducts(DAY),
                tagged.regionRevenue(Region.SUDESTE, DAY), tagged.topProductsShare(DAY), tagged.topProductsApplied(DAY)))
                .containsExactly("faturamento:{2026-12-07}", "pedidos_count:{2026-12-07}", "clientes_ativos:{2026-12-07}",
                        "top_produtos:{2026-12-07}", "vendas_por_regiao:SUDESTE:{2026-12-07}",
                        "metrics:top-share:{top_produtos}:2026-12-07", "metrics:top-applied:{top_produtos}:2026-12-07");
    }

    @Test
    void aDaysKeysShareOneSlotAndTheAllTimeKeysAnother() {
        List<String> day = new ArrayList<>(tagged.dayKeys(DAY));
        day.add(tagged.applied(DAY));
        day.add(tagged.rebuilding(DAY));
        assertThat(day).extracting(ZModem::generate).containsOnly(ZModem.generate("{2026-12-07}"));
        assertThat(List.of(MetricKeys.TOP_PRODUCTS, tagged.topProductsShare(DAY), tagged.topProductsApplied(DAY)))
                .extracting(ZModem::generate).containsOnly(ZModem.generate(MetricKeys.TOP_PRODUCTS));
        // without tags a day's keys fall into many slots: one script call over them is what a cluster refuses
        assertThat(plain.dayKeys(DAY).stream().map(ZModem::generate).distinct().count()).isGreaterThan(1);
    }

    @Test
    void aClusterNeedsTheHashTags() {
        assertThatThrownBy(() -> MetricKeys.requireHashTagsOnACluster(false, "cluster"))
                .hasMessageContaining("METRICS_KEY_HASH_TAGS=true");
        assertThatCode(() -> MetricKeys.requireHashTagsOnACluster(true, "cluster")).doesNotThrowAnyException();
        assertThatCode(() -> MetricKeys.requireHashTagsOnACluster(false, "standalone")).doesNotThrowAnyException();
    }
}
