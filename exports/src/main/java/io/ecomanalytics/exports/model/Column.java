package io.ecomanalytics.exports.model;

/** A column of a table: its header (the JSON field name where there is one) and what it holds. */
public record Column(String name, ColumnType type) {

    public static Column text(String name) {
        return new Column(name, ColumnType.TEXT);
    }

    public static Column id(String name) {
        return new Column(name, ColumnType.ID);
    }

    public static Column integer(String name) {
        return new Column(name, ColumnType.INTEGER);
    }

    public static Column decimal(String name) {
        return new Column(name, ColumnType.DECIMAL);
    }

    public static Column money(String name) {
        return new Column(name, ColumnType.MONEY);
    }

    public static Column ratio(String name) {
        return new Column(name, ColumnType.RATIO);
    }

    public static Column percent(String name) {
        return new Column(name, ColumnType.PERCENT);
    }

    public static Column date(String name) {
        return new Column(name, ColumnType.DATE);
    }

    public static Column timestamp(String name) {
        return new Column(name, ColumnType.TIMESTAMP);
    }
}
