-- Each journal's projects as `budget report --as-of {as_of}` computes them: fund figures in fen,
-- the execution rate in basis points (half-up to 0.01%), the execution score from the rate at the
-- policy's precision (half-up at the score's precision), the self-assessed indicator score, the
-- total and the grade, all in integer hundredths. A parameterized view: query it as
-- SELECT * FROM budget_figures(as_of = '2023-12-31'), on chDB or a server alike.
-- Half-up of n ÷ d for d > 0, on Int128: sign(n) × ⌊(2|n| + d) ÷ 2d⌋.
CREATE OR REPLACE VIEW budget_figures AS
WITH
reversed AS (
    SELECT journal, target FROM budget_rows WHERE row = 'reversal' AND date <= {as_of:Date32}
),
projects AS (
    SELECT journal, project, min(seq) AS reg_seq, any(year) AS year, any(department) AS department, any(unit) AS unit
    FROM budget_rows WHERE row = 'project' AND date <= {as_of:Date32}
    GROUP BY journal, project
),
money AS (
    SELECT journal, project,
        toInt128(sumIf(fen, figure IN ('approved', 'carriedIn'))) AS initial,
        toInt128(sumIf(fen, figure = 'adjusted')) AS adjusted,
        toInt128(sumIf(fen, figure = 'refunded')) AS refunded,
        toInt128(sumIf(fen, figure = 'executed')) AS executed,
        toInt128(sumIf(fen, figure = 'carriedOut')) AS carried_out
    FROM budget_rows WHERE row = 'movement' AND date <= {as_of:Date32}
    GROUP BY journal, project
),
policy AS (
    -- The policy in force: the latest by date, then seq, of those set and not reversed.
    SELECT journal,
        argMax(points, (date, seq)) AS execution_weight,
        argMax(rateDecimals, (date, seq)) AS rate_decimals,
        argMax(executionScoreDecimals, (date, seq)) AS score_decimals
    FROM budget_rows
    WHERE row = 'policy' AND date <= {as_of:Date32} AND (journal, seq) NOT IN (SELECT journal, target FROM reversed)
    GROUP BY journal
),
definitions AS (
    SELECT journal, project, indicator, max(seq) AS def_seq
    FROM budget_rows
    WHERE row = 'indicator' AND date <= {as_of:Date32} AND (journal, seq) NOT IN (SELECT journal, target FROM reversed)
    GROUP BY journal, project, indicator
),
scores AS (
    -- Each live indicator's latest self-assessed score not reversed, given after its definition.
    SELECT s.journal AS journal, s.project AS project, s.indicator AS indicator, argMax(s.points, s.seq) AS points
    FROM budget_rows AS s
    INNER JOIN definitions AS d ON s.journal = d.journal AND s.project = d.project AND s.indicator = d.indicator
    WHERE s.row = 'score' AND s.date <= {as_of:Date32} AND s.seq > d.def_seq
      AND (s.journal, s.seq) NOT IN (SELECT journal, target FROM reversed)
    GROUP BY s.journal, s.project, s.indicator
),
indicator_totals AS (
    SELECT journal, project, toInt128(sum(points)) AS indicator_score FROM scores GROUP BY journal, project
),
figures AS (
    SELECT p.journal AS journal, p.project AS project, p.reg_seq AS reg_seq, p.year AS year,
        p.department AS department, p.unit AS unit,
        m.initial AS initial, m.adjusted AS adjusted, m.refunded AS refunded, m.executed AS executed,
        m.carried_out AS carried_out, m.initial + m.adjusted - m.refunded AS full_year,
        if(pol.journal = '', toInt128(1000), toInt128(pol.execution_weight)) AS execution_weight,
        multiIf(pol.journal = '', 1, pol.rate_decimals >= 2, 1, pol.rate_decimals = 1, 10, 100) AS rate_step,
        multiIf(pol.journal = '', 10, pol.score_decimals >= 2, 1, pol.score_decimals = 1, 10, 100) AS score_step,
        it.indicator_score AS indicator_score
    FROM projects AS p
    LEFT JOIN money AS m ON p.journal = m.journal AND p.project = m.project
    LEFT JOIN policy AS pol ON p.journal = pol.journal
    LEFT JOIN indicator_totals AS it ON p.journal = it.journal AND p.project = it.project
),
rated AS (
    -- The rate as the fund block prints it (0.01%), and at the policy's precision for the score.
    SELECT *,
        if(full_year > 0, toNullable(intDiv(executed * 10000 * 2 * sign(executed) + full_year, 2 * full_year) * sign(executed)), NULL) AS rate_bp,
        if(full_year > 0,
           toNullable(intDiv(executed * 10000 * 2 * sign(executed) + full_year * rate_step, 2 * full_year * rate_step) * sign(executed) * rate_step),
           NULL) AS policy_rate_bp
    FROM figures
),
scored AS (
    SELECT *,
        intDiv(least(greatest(ifNull(policy_rate_bp, 0), 0), 10000) * execution_weight * 2 + 10000 * score_step, 2 * 10000 * score_step) * score_step
            AS execution_score
    FROM rated
)
SELECT journal, project, reg_seq, year, department, unit,
    toInt64(initial) AS initial, toInt64(full_year) AS full_year, toInt64(executed) AS executed,
    toInt64(refunded) AS refunded, toInt64(carried_out) AS carried_out,
    toInt64(full_year - executed - carried_out) AS remaining,
    toNullable(toInt64(rate_bp)) AS rate_bp,
    toInt64(execution_score) AS execution_score, toInt64(indicator_score) AS indicator_score,
    toInt64(indicator_score + execution_score) AS total,
    multiIf(indicator_score + execution_score >= 9000, '优', indicator_score + execution_score >= 8000, '良',
            indicator_score + execution_score >= 6000, '中', '差') AS grade
FROM scored
ORDER BY journal, reg_seq
