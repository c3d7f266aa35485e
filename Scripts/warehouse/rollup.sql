-- Roll-ups over budget_figures (figures.sql) and the payment rows, as of a date: by department
-- or by unit, per fiscal year (a roll-up never mixes years, so no carried 元 counts twice), and
-- the executed money by economic class. Statements are separated by a line holding only ';'.
-- by department or unit: {by:String} is 'department' or 'unit'
SELECT if({by:String} = 'unit', unit, department) AS name, year, count() AS projects,
    sum(full_year) AS sum_full_year, sum(executed) AS sum_executed,
    if(sum(full_year) > 0, toNullable(intDiv(toInt128(sum(executed)) * 20000 + sum(full_year), 2 * toInt128(sum(full_year)))), NULL) AS rate_bp,
    countIf(grade = '优') AS excellent, countIf(grade = '良') AS good, countIf(grade = '中') AS fair, countIf(grade = '差') AS poor
FROM budget_figures(as_of = {as_of:String})
GROUP BY name, year
ORDER BY name, year
;
-- by class
SELECT if(m.class = '', '(未分类)', m.class) AS name, p.year AS year, uniqExact(m.journal, m.project) AS projects,
    toInt64(0) AS sum_full_year, sum(m.fen) AS sum_executed, CAST(NULL, 'Nullable(Int128)') AS rate_bp,
    toUInt64(0) AS excellent, toUInt64(0) AS good, toUInt64(0) AS fair, toUInt64(0) AS poor
FROM budget_rows AS m
INNER JOIN (SELECT journal, project, any(year) AS year FROM budget_rows WHERE row = 'project' GROUP BY journal, project) AS p
    ON m.journal = p.journal AND m.project = p.project
WHERE m.row = 'movement' AND m.figure = 'executed' AND m.date <= toDate32({as_of:String})
GROUP BY name, year
ORDER BY name, year
