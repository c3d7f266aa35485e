import BudgetModel

/// A fiscal year's close as a replay sees it: closed at an event, and perhaps reopened since.
public struct YearStatus: Equatable, Sendable {
    public let year: Int
    public var closedSeq: Int64
    public var closedDate: BusinessDate
    /// Set once the close is undone by a reopen; a later close clears it.
    public var reopenedSeq: Int64?
    public var reopenedDate: BusinessDate?
    public var reopenReason: String?

    public var isClosed: Bool { reopenedSeq == nil }
}

extension YearClose: ProjectionEffect {
    func apply(to projection: inout LedgerProjection, event: Event) {
        projection.years[year] = YearStatus(year: year, closedSeq: event.seq, closedDate: event.date)
    }

    func undo(in projection: inout LedgerProjection, target: Int64, seq: Int64) {}
}

extension YearReopen: ProjectionEffect {
    func apply(to projection: inout LedgerProjection, event: Event) {
        projection.years[year]?.reopenedSeq = event.seq
        projection.years[year]?.reopenedDate = event.date
        projection.years[year]?.reopenReason = reason
    }

    func undo(in projection: inout LedgerProjection, target: Int64, seq: Int64) {}
}

extension FormSettings: ProjectionEffect {
    func apply(to projection: inout LedgerProjection, event: Event) {
        projection.formSettings = projection.formSettings.updated(by: self)
    }

    func undo(in projection: inout LedgerProjection, target: Int64, seq: Int64) {}
}

extension ExecutionReason: ProjectionEffect {
    func apply(to projection: inout LedgerProjection, event: Event) {
        projection.update(project, event.seq) { $0.executionReasons.append(ReasonEntry(seq: event.seq, text: text)) }
    }

    func undo(in projection: inout LedgerProjection, target: Int64, seq: Int64) {
        projection.update(project, seq) { $0.executionReasons.removeAll { $0.seq == target } }
    }
}

extension ProjectClose: ProjectionEffect {
    func apply(to projection: inout LedgerProjection, event: Event) {
        projection.update(project, event.seq) { $0.closing = ClosingRecord(seq: event.seq, figures: self) }
    }

    func undo(in projection: inout LedgerProjection, target: Int64, seq: Int64) {}
}
