import Dispatch

/// A value worked out on the other core while this one goes on; `get` waits for it. What
/// `work` reads must not change meanwhile, hence `@unchecked Sendable`. An owner that returns
/// early calls `wait`, so that the work never runs on past what it reads.
public final class Background<Value>: @unchecked Sendable {
    private let done = DispatchGroup()
    /// Set on the other thread; read only once `done` is.
    private var result: Result<Value, Error>?

    public init(_ work: @escaping () throws -> Value) {
        DispatchQueue.global().async(group: done) { [self] in result = Result { try work() } }
    }

    public func wait() { done.wait() }

    public func get() throws -> Value {
        done.wait()
        return try result!.get()
    }
}
