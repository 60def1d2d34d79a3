package io.ecomanalytics.simulator.imports.olist;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The files of the Olist data set this import reads, with the columns it needs from each. Column names are Kaggle's,
 * misspellings included ({@code product_name_lenght} is not needed, so it is not listed).
 */
public enum OlistFile {
    ORDERS("olist_orders_dataset", true, "order_id", "customer_id", "order_status", "order_purchase_timestamp",
            "order_approved_at", "order_delivered_carrier_date", "order_delivered_customer_date",
            "order_estimated_delivery_date"), CUSTOMERS("olist_customers_dataset", true, "customer_id", "customer_unique_id",
                    "customer_zip_code_prefix",
                    "customer_city", "customer_state"), ITEMS("olist_order_items_dataset", true, "order_id", "order_item_id",
                            "product_id", "seller_id",
                            "shipping_limit_date", "price", "freight_value"), PAYMENTS("olist_order_payments_dataset", false,
                                    "order_id", "payment_sequential", "payment_type",
                                    "payment_installments", "payment_value"), PRODUCTS("olist_products_dataset", true,
                                            "product_id", "product_category_name"), SELLERS("olist_sellers_dataset", true,
                                                    "seller_id", "seller_zip_code_prefix", "seller_city",
                                                    "seller_state"), TRANSLATIONS("product_category_name_translation", false,
                                                            "product_category_name", "product_category_name_english"), REVIEWS(
                                                                    "olist_order_reviews_dataset", false, "review_id",
                                                                    "order_id", "review_score", "review_comment_title",
                                                                    "review_comment_message", "review_creation_date",
                                                                    "review_answer_timestamp");

    private final String baseName;
    private final boolean mandatory;
    private final List<String> columns;

    OlistFile(String baseName, boolean mandatory, String... columns) {
        this.baseName = baseName;
        this.mandatory = mandatory;
        this.columns = List.of(columns);
    }

    public String baseName() {
        return baseName;
    }

    /** An import without this file is refused; the others are loaded when present. */
    public boolean mandatory() {
        return mandatory;
    }

    public List<String> columns() {
        return columns;
    }

    /** The file a name stands for: {@code olist_orders_dataset.csv}, {@code .csv.gz} or the bare base name. */
    public static Optional<OlistFile> forName(String name) {
        if (name == null) {
            return Optional.empty();
        }
        String base = name.replaceAll("(\\.csv)?(\\.gz)?$", "");
        return Arrays.stream(values()).filter(f -> f.baseName.equals(base)).findFirst();
    }
}
