import BudgetModel
import BudgetProjections
import BudgetJSON

/// How a report says that a fiscal year was closed, or reopened since.
enum YearStatusText {
    static func line(_ status: YearStatus) -> String {
        guard let seq = status.reopenedSeq, let date = status.reopenedDate else {
            return "\(status.year)年度 closed (年终结账) at #\(status.closedSeq) on \(status.closedDate): its money is sealed"
        }
        return "\(status.year)年度 REOPENED on \(date) (#\(seq)\(status.reopenReason.map { ": \($0)" } ?? "")) after its close at #\(status.closedSeq) on \(status.closedDate): its figures may have changed since"
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
