/// Large values a command has finished with, left for the process's exit to reclaim. Releasing a
/// batch of a hundred thousand rows and events one element at a time cost an import a tenth of its
/// time; the operating system takes the whole heap back at once. Only the `budget` executable
/// turns this on: in a long-lived process (the tests) everything is released as usual.
public enum ExitReclaims {
    nonisolated(unsafe) public static var enabled = false
    nonisolated(unsafe) private static var kept: [Any] = []

    static func leave(_ value: Any) {
        if enabled { kept.append(value) }
    }
}
