-- The rows of `budget export --format warehouse`, every journal of a province in one table.
-- Money is Int64 fen and points Int64 hundredths: never a float. Ordered for the queries of
-- report.sql and rollup.sql, which filter by row kind and date within a journal and project.
CREATE TABLE IF NOT EXISTS budget_rows
(
    journal String,
    head String,
    seq Int64,
    type LowCardinality(String),
    date Date32,
    recorded String,
    row LowCardinality(String),
    project String DEFAULT '',
    source LowCardinality(String) DEFAULT '',
    figure LowCardinality(String) DEFAULT '',
    fen Int64 DEFAULT 0,
    class LowCardinality(String) DEFAULT '',
    year Int32 DEFAULT 0,
    department String DEFAULT '',
    unit String DEFAULT '',
    name String DEFAULT '',
    indicator String DEFAULT '',
    level1 LowCardinality(String) DEFAULT '',
    points Int64 DEFAULT 0,
    rateDecimals Int8 DEFAULT 2,
    executionScoreDecimals Int8 DEFAULT 1,
    target Int64 DEFAULT 0
)
ENGINE = MergeTree
ORDER BY (journal, row, project, date, seq);
