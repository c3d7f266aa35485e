import BudgetModel
import Dispatch

extension Checkpoint {
    /// The SHA-256 of each of `ranges` of `buffer`, hashed side by side in lanes on both cores: a
    /// writer seals many pages, and a reader of every project checks them all.
    static func digests(of buffer: [UInt8], _ ranges: [Range<Int>]) -> [SHA256Digest] {
        var digests = [SHA256Digest](repeating: .zero, count: ranges.count)
        guard !ranges.isEmpty else { return digests }
        buffer.withUnsafeBytes { raw in
            let base = raw.baseAddress ?? UnsafeRawPointer(bitPattern: 1)!
            let messages = ranges.map { SHA256Lanes.Message(start: base + $0.lowerBound, count: $0.count) }
            messages.withUnsafeBufferPointer { all in
                digests.withUnsafeMutableBufferPointer { out in
                    let (all, out) = (all, out)
                    let middle = all.count / 2
                    DispatchQueue.concurrentPerform(iterations: all.count > 1 ? 2 : 1) { half in
                        let range = all.count == 1 ? 0..<1 : (half == 0 ? 0..<middle : middle..<all.count)
                        SHA256Lanes.hash(UnsafeBufferPointer(rebasing: all[range]), into: UnsafeMutableBufferPointer(rebasing: out[range]))
                    }
                }
            }
        }
        return digests
    }

    /// The footer's authentication of the page table: HMAC-SHA-256 under the user's key.
    static func mac(table: ArraySlice<UInt8>, key: CheckpointKey) -> SHA256Digest {
        HMAC.authenticate(Array("budget-checkpoint-mac \(version)\n".utf8) + table, key: key.bytes)  // not prose: the MAC's domain label, part of the file format
    }
}
