import BudgetText
import BudgetModel
import BudgetProjections
import BudgetJSON

/// `report --by department|unit --format table`: a row per department (or unit) and year.
public enum DepartmentRollupTable {
    public static func render(_ rollup: DepartmentRollup, language: Language = .en) -> String {
        let point = rollup.asOf.map { Message(.asOf, $0).text(language) } ?? Message(.allDates).text(language)
        let out = Message(.throughEventNN2, rollup.dimension.label, point, rollup.seq).text(language)
        var table = TextTable([
            .init(rollup.dimension.label), .init("年度"), .init("项目数", alignRight: true), .init("全年预算数", alignRight: true),
            .init("全年执行数", alignRight: true), .init("执行率", alignRight: true), .init("自评 优/良/中/差"), .init("规则 优/良/中/差"),
            .init("加权总分", alignRight: true), .init("落后序时进度"),
        ])
        for group in rollup.groups {
            table.add([group.name, String(group.year), String(group.projects.count), group.funds.total.fullYear.groupedYuanText,
                       group.funds.total.executed.groupedYuanText, group.rate.map { $0.description } ?? "—",
                       counts(group.grades), counts(group.ruleGrades), group.weightedScore?.text ?? "—",
                       group.behind.isEmpty ? "—" : group.behind.joined(separator: " ")])
        }
        if rollup.groups.isEmpty { return out + Message(.noProjectsN).text(language) }
        return out + table.render()
    }

    static func counts(_ grades: [Grade: Int]) -> String {
        Grade.allCases.map { String(grades[$0] ?? 0) }.joined(separator: "/")
    }
}

/// `report --by department|unit --format json`.
public enum DepartmentRollupJSON {
    public static func render(_ rollup: DepartmentRollup, language: Language = .en) -> String {
        var root = JSONObject()
        root.append("asOf", rollup.asOf.map { .string($0.text) } ?? .null)
        root.append("seq", .number(String(rollup.seq)))
        root.append("by", .string(rollup.dimension.rawValue))
        root.append("groups", .array(rollup.groups.map { group in
            var object = JSONObject()
            object.append("name", .string(group.name))
            object.append("year", .number(String(group.year)))
            var funds = JSONObject()
            funds.append("total", LedgerReportJSON.figures(group.funds.total))
            for source in FundSource.allCases { funds.append(source.rawValue, LedgerReportJSON.figures(group.funds[source])) }
            object.append("funds", .object(funds))
            object.append("rate", group.rate.map { .string($0.percentText) } ?? .null)
            object.append("projects", .array(group.projects.map { .string($0) }))
            object.append("grades", grades(group.grades))
            object.append("ruleGrades", grades(group.ruleGrades))
            object.append("weightedScore", group.weightedScore.map { .string($0.text) } ?? .null)
            object.append("behind", .array(group.behind.map { .string($0) }))
            return .object(object)
        }))
        return JSONWriter.pretty(.object(root)) + "\n"
    }

    static func grades(_ counts: [Grade: Int]) -> JSONValue {
        var object = JSONObject()
        for grade in Grade.allCases { object.append(grade.rawValue, .number(String(counts[grade] ?? 0))) }
        return .object(object)
    }
}

/// `report --by department|unit --format csv`.
public enum DepartmentRollupCSV {
    public static func render(_ rollup: DepartmentRollup, language: Language = .en) -> String {
        var out = CSVWriter.row([rollup.dimension.rawValue, "year", "projects", "initial", "fullYear", "executed", "rate",
                                 "优", "良", "中", "差", "rule优", "rule良", "rule中", "rule差", "weightedScore", "behind"])
        for group in rollup.groups {
            let total = group.funds.total
            out += CSVWriter.row([SpreadsheetText.neutralisedForCSV(group.name), String(group.year), String(group.projects.count),
                                  total.initial.yuanText, total.fullYear.yuanText, total.executed.yuanText, group.rate?.percentText ?? ""]
                                 + Grade.allCases.map { String(group.grades[$0] ?? 0) } + Grade.allCases.map { String(group.ruleGrades[$0] ?? 0) }
                                 + [group.weightedScore?.text ?? "", group.behind.joined(separator: " ")])
        }
        return out
    }
}
