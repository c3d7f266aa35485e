import BudgetJournal
import Dispatch

/// `budget-bench sha`: SHA-256 throughput on journal-sized lines, one at a time and in lanes.
enum HashSpeed {
    static func run() -> String {
        let lineBytes = 270, lines = 200_000
        var buffer = [UInt8](repeating: 0, count: lineBytes * lines)
        for index in buffer.indices { buffer[index] = UInt8(truncatingIfNeeded: index &* 2_654_435_761 >> 7) }
        return buffer.withUnsafeBytes { bytes in
            let messages = (0..<lines).map { SHA256Lanes.Message(start: bytes.baseAddress! + $0 * lineBytes, count: lineBytes - $0 % 64) }
            var scalar = [SHA256Digest](repeating: SHA256.hash([]), count: lines)
            var laned = scalar
            let scalarSeconds = time {
                for (index, message) in messages.enumerated() { scalar[index] = SHA256.hash(UnsafeRawBufferPointer(start: message.start, count: message.count)) }
            }
            let lanedSeconds = time {
                messages.withUnsafeBufferPointer { m in laned.withUnsafeMutableBufferPointer { SHA256Lanes.hash(m, into: $0) } }
            }
            let megabytes = Double(messages.reduce(0) { $0 + $1.count }) / 1_048_576
            return """
            SHA-256 of \(lines) lines of \(lineBytes - 63)–\(lineBytes) bytes, one core:
              one at a time   \(Int(megabytes / scalarSeconds)) MB/s
              \(SHA256Lanes.width) lanes         \(Int(megabytes / lanedSeconds)) MB/s   (digests agree: \(scalar == laned))

            """
        }
    }

    static func time(_ body: () -> Void) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        body()
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
