/// A progress bar for long commands, drawn on a terminal by whoever runs the command line.
public struct Progress {
    let draw: (String) -> Void

    public init(draw: @escaping (String) -> Void) { self.draw = draw }

    func report(done: Int, of total: Int) {
        guard total > 0 else { return }
        let width = 30
        let filled = done * width / total
        draw("\r[" + String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled) + "] \(done)/\(total)")
    }

    func finish() { draw("\r" + String(repeating: " ", count: 60) + "\r") }
}
