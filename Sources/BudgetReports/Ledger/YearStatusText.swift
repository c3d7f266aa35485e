import BudgetText
import BudgetModel
import BudgetProjections
import BudgetJSON

/// How a report says that a fiscal year was closed, or reopened since.
enum YearStatusText {
    static func line(_ status: YearStatus, language: Language) -> String {
        guard let seq = status.reopenedSeq, let date = status.reopenedDate else {
            return Message(.closedAtOnItsMoney, status.year, status.closedSeq, status.closedDate).text(language)
        }
        return Message(.rEOPENEDOnAfterItsClose, status.year, date, seq, status.reopenReason.map { ": \($0)" } ?? "", status.closedSeq, status.closedDate).text(language)
    }

    static func json(_ status: YearStatus) -> JSONValue {
        var object = JSONObject()
        object.append("year", .number(String(status.year)))
        object.append("status", .string(status.isClosed ? "closed" : "reopened"))
        object.append("closedSeq", .number(String(status.closedSeq)))
        object.append("closedDate", .string(status.closedDate.text))
        object.append("reopenedSeq", status.reopenedSeq.map { .number(String($0)) } ?? .null)
        object.append("reopenedDate", status.reopenedDate.map { .string($0.text) } ?? .null)
        object.append("reopenReason", status.reopenReason.map { .string($0) } ?? .null)
        return .object(object)
    }
}
