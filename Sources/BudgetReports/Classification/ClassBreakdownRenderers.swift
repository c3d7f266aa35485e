import BudgetText
import BudgetModel
import BudgetProjections
import BudgetJSON

/// `report --by … --format table`: each code with its name and total, its projects beneath.
public enum ClassBreakdownTable {
    /// What the group of payments without a code is called.
    static let unclassifiedLabel = "（未分类）"

    public static func render(_ breakdown: ClassBreakdown, language: Language = .en) -> String {
        let point = breakdown.asOf.map { Message(.asOf, $0).text(language) } ?? Message(.allDates).text(language)
        let out = Message(.throughEventNN, breakdown.dimension.label, point, breakdown.seq).text(language)
        var table = TextTable([.init(breakdown.dimension.label), .init("项目"), .init("金额(元)", alignRight: true)])
        for group in breakdown.groups {
            table.add([group.code.map { "\($0) \(group.name ?? "")" } ?? unclassifiedLabel, "", group.amount.groupedYuanText])
            for share in group.projects { table.add(["", share.project, share.amount.groupedYuanText]) }
        }
        table.add(["合计", "", breakdown.total.groupedYuanText])
        return out + table.render()
    }
}

/// `report --by … --format json`: amounts as yuan strings; the group without a code has
/// `"code": null`.
public enum ClassBreakdownJSON {
    public static func render(_ breakdown: ClassBreakdown, language: Language = .en) -> String {
        var root = JSONObject()
        root.append("asOf", breakdown.asOf.map { .string($0.text) } ?? .null)
        root.append("seq", .number(String(breakdown.seq)))
        root.append("by", .string(breakdown.dimension.rawValue))
        root.append("groups", .array(breakdown.groups.map { group in
            var object = JSONObject()
            object.append("code", group.code.map { .string($0) } ?? .null)
            object.append("name", group.name.map { .string($0) } ?? .null)
            object.append("amount", .string(group.amount.yuanText))
            object.append("projects", .array(group.projects.map { share in
                var project = JSONObject()
                project.append("id", .string(share.project))
                project.append("amount", .string(share.amount.yuanText))
                return .object(project)
            }))
            return .object(object)
        }))
        root.append("total", .string(breakdown.total.yuanText))
        return JSONWriter.pretty(.object(root)) + "\n"
    }
}

/// `report --by … --format csv`: a row per code and project; the code's own total on a row with
/// no project, and the whole on a last row, as a spreadsheet's subtotals read.
public enum ClassBreakdownCSV {
    public static func render(_ breakdown: ClassBreakdown, language: Language = .en) -> String {
        var out = CSVWriter.row(["code", "name", "project", "amount"])
        for group in breakdown.groups {
            let code = group.code ?? "", name = group.name ?? ClassBreakdownTable.unclassifiedLabel
            for share in group.projects { out += CSVWriter.row([code, name, SpreadsheetText.neutralisedForCSV(share.project), share.amount.yuanText]) }
            out += CSVWriter.row([code, name, "", group.amount.yuanText])
        }
        return out + CSVWriter.row(["", "合计", "", breakdown.total.yuanText])
    }
}
