import Dispatch

/// A value shared by threads, read and changed only under its lock.
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let queue = DispatchQueue(label: "budget.locked")

    init(_ value: Value) { self.value = value }

    func sync<Result>(_ body: (inout Value) -> Result) -> Result {
        queue.sync { body(&value) }
    }
}
