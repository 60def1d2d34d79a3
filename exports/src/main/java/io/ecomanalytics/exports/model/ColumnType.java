package io.ecomanalytics.exports.model;

/**
 * What a column holds, which decides how each format writes it: Excel keeps numbers as numbers and dates as dates with a
 * display format per type; CSV writes values as the JSON answer shows them; PDF formats them for reading.
 */
public enum ColumnType {
    /** Free text. */
    TEXT,
    /** A whole number that names something (order, customer, product): no thousands separator. */
    ID,
    /** A whole number that counts something. */
    INTEGER,
    /** A number with decimals (means, model parameters, scores). */
    DECIMAL,
    /** An amount of money: two decimals. */
    MONEY,
    /** A fraction (0.5423): the API's ratios; Excel and PDF show it as a percentage (54.23%). */
    RATIO,
    /** A number that is already in percent (a MAPE of 12.3). */
    PERCENT,
    /** A calendar day. */
    DATE,
    /** An instant (written in UTC, as the JSON answer). */
    TIMESTAMP
}
