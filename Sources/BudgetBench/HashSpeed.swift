import BudgetJournal
import Dispatch

/// `budget-bench sha`: SHA-256 throughput on journal-sized lines, on each engine this machine has:
/// the processor's SHA instructions, and the software one at a time and in lanes.
enum HashSpeed {
    static func run(lines: Int) -> String {
        let lineBytes = 270
        var buffer = [UInt8](repeating: 0, count: lineBytes * lines)
        for index in buffer.indices { buffer[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 7) }
        return buffer.withUnsafeBytes { bytes in
            let messages = (0..<lines).map { SHA256Lanes.Message(start: bytes.baseAddress! + $0 * lineBytes, count: lineBytes - $0 % 64) }
            var scalar = [SHA256Digest](repeating: SHA256.hash([]), count: lines)
            var laned = scalar, hardware = scalar
            let scalarSeconds = time {
                for (index, message) in messages.enumerated() {
                    scalar[index] = SHA256.hash(UnsafeRawBufferPointer(start: message.start, count: message.count), engine: .software)
                }
            }
            let lanedSeconds = time {
                messages.withUnsafeBufferPointer { m in laned.withUnsafeMutableBufferPointer { SHA256Lanes.hash(m, into: $0, engine: .software) } }
            }
            let megabytes = Double(messages.reduce(0) { $0 + $1.count }) / 1_048_576
            var out = """
            SHA-256 of \(lines) lines of \(lineBytes - 63)–\(lineBytes) bytes, one core (preferred: \(SHA256Engine.preferred.rawValue)):
              software, one at a time   \(Int(megabytes / scalarSeconds)) MB/s
              software, \(SHA256Lanes.width) lanes         \(Int(megabytes / lanedSeconds)) MB/s   (digests agree: \(scalar == laned))

            """
            if SHA256Engine.available.contains(.hardware) {
                let hardwareSeconds = time {
                    messages.withUnsafeBufferPointer { m in hardware.withUnsafeMutableBufferPointer { SHA256Lanes.hash(m, into: $0, engine: .hardware) } }
                }
                out += "  hardware (SHA-NI)         \(Int(megabytes / hardwareSeconds)) MB/s   (digests agree: \(scalar == hardware))\n"
            } else {
                out += "  hardware                  not on this machine (or not built for it)\n"
            }
            return out
        }
    }

    static func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
