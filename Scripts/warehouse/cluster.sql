-- UNTESTED: no ClickHouse cluster is at hand where this was written. The DDL a province would run
-- on a cluster named `province` (three shards, two replicas each, ZooKeeper or ClickHouse Keeper
-- for replication). Rows are sharded by journal, so every query of figures.sql and rollup.sql
-- joins and groups within one shard; run them with distributed_product_mode = 'local'.
CREATE TABLE IF NOT EXISTS budget_rows_local ON CLUSTER province
(
    journal String, head String, seq Int64, type LowCardinality(String), date Date32, recorded String,
    row LowCardinality(String), project String DEFAULT '', source LowCardinality(String) DEFAULT '',
    figure LowCardinality(String) DEFAULT '', fen Int64 DEFAULT 0, class LowCardinality(String) DEFAULT '',
    year Int32 DEFAULT 0, department String DEFAULT '', unit String DEFAULT '', name String DEFAULT '',
    indicator String DEFAULT '', level1 LowCardinality(String) DEFAULT '', points Int64 DEFAULT 0,
    rateDecimals Int8 DEFAULT 2, executionScoreDecimals Int8 DEFAULT 1, target Int64 DEFAULT 0
)
ENGINE = ReplicatedMergeTree('/clickhouse/tables/{shard}/budget_rows_local', '{replica}')
ORDER BY (journal, row, project, date, seq);

CREATE TABLE IF NOT EXISTS budget_rows ON CLUSTER province AS budget_rows_local
ENGINE = Distributed(province, currentDatabase(), budget_rows_local, cityHash64(journal));

-- Then figures.sql and rollup.sql unchanged, over the Distributed budget_rows, with
-- SET distributed_product_mode = 'local';
