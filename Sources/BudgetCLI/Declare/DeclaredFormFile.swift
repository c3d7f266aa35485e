import BudgetText
import BudgetModel
import BudgetJournal
import BudgetJSON

/// A declared form given as a JSON file (`--file FORM.json`):
///
///     {"unit": "万元",
///      "funds": {"total": {"initial": "196.8", "fullYear": "185.58", "executed": "133.43", "rate": "71.90%"},
///                "current": {…}, "carryover": {…}, "other": {…}},
///      "executionWeight": "10", "executionScore": "7.2",
///      "indicators": {"out-01": "2", "out-02": "2"},
///      "indicatorScore": "90", "totalScore": "97.2", "grade": "优",
///      "executionReason": "…", "memo": "…"}
///
/// Every member is optional; a cell is a string, a number or null (blank). An unknown member is
/// refused, so a misspelt one is never silently dropped.
enum DeclaredFormFile {
    static let bytesMax = 1 << 20

    static func read(_ bytes: [UInt8], path: String, project: String, memo: String?) throws(UsageError) -> FormDeclaration {
        let what = "--file \(path)"
        let value: JSONValue
        do { value = try JSONParser.parse(bytes) } catch { throw UsageError(.notValidJSON2, what, error) }
        guard case .object(let root) = value else { throw UsageError(.notJSONObject2, what) }
        try allowOnly(root, ["unit", "funds", "executionWeight", "executionScore", "indicators", "indicatorScore", "totalScore",
                             "grade", "executionReason", "memo"], what)
        let unit = try cell(root["unit"], what + " unit").map { text throws(UsageError) in try DeclaredCells.unit(text, what + " unit") } ?? .wan  // not prose: members of the declared form, as its JSON names them
        var funds: [FormFundRow: DeclaredFigures] = [:]
        if let rows = try object(root["funds"], what + " funds") {  // not prose: members of the declared form, as its JSON names them
            try allowOnly(rows, FormFundRow.allCases.map(\.rawValue), what + " funds")  // not prose: members of the declared form, as its JSON names them
            for row in FormFundRow.allCases {
                guard let cells = try object(rows[row.rawValue], "\(what) funds.\(row)") else { continue }  // not prose: members of the declared form, as its JSON names them
                let place = "\(what) funds.\(row)"  // not prose: members of the declared form, as its JSON names them
                try allowOnly(cells, ["initial", "fullYear", "executed", "rate"], place)
                funds[row] = DeclaredFigures(
                    initial: try amount(cells["initial"], unit, place + ".initial"), fullYear: try amount(cells["fullYear"], unit, place + ".fullYear"),
                    executed: try amount(cells["executed"], unit, place + ".executed"),
                    rate: try cell(cells["rate"], place + ".rate").flatMap { text throws(UsageError) in try DeclaredCells.rate(text, place + ".rate") })
            }
        }
        var scores: [DeclaredScore] = []
        if let indicators = try object(root["indicators"], what + " indicators") {  // not prose: members of the declared form, as its JSON names them
            for member in indicators.members {
                if let problem = Identifier.problem(with: member.key) { throw UsageError(.declaredIndicatorsProblem, what, member.key, problem) }
                guard let score = try points(member.value, "\(what) indicators.\(member.key)") else {  // not prose: members of the declared form, as its JSON names them
                    throw UsageError(.indicatorsNoScore, what, member.key)
                }
                scores.append(DeclaredScore(indicator: member.key, score: score))
            }
        }
        let reason = try cell(root["executionReason"], what + " executionReason")  // not prose: members of the declared form, as its JSON names them
        if let reason, let problem = FreeText.problem(with: reason) { throw UsageError(.declaredMemberProblem, what, "executionReason", problem) }
        let fileMemo = try cell(root["memo"], what + " memo")  // not prose: members of the declared form, as its JSON names them
        if let fileMemo, let problem = FreeText.problem(with: fileMemo) { throw UsageError(.declaredMemberProblem, what, "memo", problem) }
        return FormDeclaration(
            project: project, fundUnit: unit, funds: funds,
            executionWeight: try points(root["executionWeight"], what + " executionWeight"),  // not prose: members of the declared form, as its JSON names them
            executionScore: try points(root["executionScore"], what + " executionScore"), indicatorScores: scores,  // not prose: members of the declared form, as its JSON names them
            indicatorScore: try points(root["indicatorScore"], what + " indicatorScore"),  // not prose: members of the declared form, as its JSON names them
            totalScore: try points(root["totalScore"], what + " totalScore"),  // not prose: members of the declared form, as its JSON names them
            grade: try cell(root["grade"], what + " grade").flatMap { text throws(UsageError) in try DeclaredCells.grade(text, what + " grade") },  // not prose: members of the declared form, as its JSON names them
            executionReason: reason, memo: memo ?? fileMemo)
    }

    static func allowOnly(_ object: JSONObject, _ keys: [String], _ what: String) throws(UsageError) {
        for member in object.members where !keys.contains(member.key) {
            throw UsageError(.unexpectedMemberKnown, what, member.key, Message.list(keys))
        }
    }

    static func object(_ value: JSONValue?, _ what: String) throws(UsageError) -> JSONObject? {
        switch value {
        case nil, .null?: return nil
        case .object(let object)?: return object
        default: throw UsageError(.mustBeObject, what)
        }
    }

    /// A cell's text: a string or a number literal as written; nil for null or absent.
    static func cell(_ value: JSONValue?, _ what: String) throws(UsageError) -> String? {
        switch value {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case .number(let literal)?: return literal
        default: throw UsageError(.mustBeStringNumberOr, what)
        }
    }

    static func amount(_ value: JSONValue?, _ unit: DeclaredFundUnit, _ what: String) throws(UsageError) -> Money? {
        try cell(value, what).flatMap { text throws(UsageError) in try DeclaredCells.amount(text, unit: unit, what) }
    }

    static func points(_ value: JSONValue?, _ what: String) throws(UsageError) -> Points? {
        try cell(value, what).flatMap { text throws(UsageError) in try DeclaredCells.points(text, what) }
    }
}
