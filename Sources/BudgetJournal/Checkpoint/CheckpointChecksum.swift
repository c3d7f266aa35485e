import BudgetModel
import Dispatch

extension Checkpoint {
    /// The checkpoint is authenticated in chunks of this size.
    static let macChunkBytes = 64 * 1024

    /// The checkpoint's authentication: HMAC-SHA-256 under the user's key (see `CheckpointKey`),
    /// taken over the SHA-256 of each 64 KiB chunk of the body. The chunks are independent
    /// messages, hashed side by side in lanes on both cores, so that a checkpoint of a million
    /// keys is authenticated in milliseconds; a chunk changed, added, dropped or moved changes
    /// its digest or the list, and only the key can make the HMAC of the list agree again.
    static func mac(_ body: ArraySlice<UInt8>, key: CheckpointKey) -> SHA256Digest {
        let chunk = macChunkBytes
        let count = (body.count + chunk - 1) / chunk
        var digests = [SHA256Digest](repeating: .zero, count: count)
        body.withUnsafeBytes { raw in
            let messages = (0..<count).map { index in
                SHA256Lanes.Message(start: raw.baseAddress! + index * chunk, count: min(chunk, raw.count - index * chunk))
            }
            messages.withUnsafeBufferPointer { all in
                digests.withUnsafeMutableBufferPointer { out in
                    let (all, out) = (all, out)
                    DispatchQueue.concurrentPerform(iterations: 2) { half in
                        let range = half == 0 ? 0..<(count / 2) : (count / 2)..<count
                        guard !range.isEmpty else { return }
                        SHA256Lanes.hash(UnsafeBufferPointer(rebasing: all[range]), into: UnsafeMutableBufferPointer(rebasing: out[range]))
                    }
                }
            }
        }
        var list = Array("budget-checkpoint-mac 1 \(chunk) \(body.count)\n".utf8)
        for digest in digests { list += digest.bytes }
        return HMAC.authenticate(list, key: key.bytes)
    }

    /// FNV-1a, 64 bits: a total's key as it stands in a line, to find the lines an append touched.
    static func checksum(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        bytes.withUnsafeBufferPointer { Fingerprint.of(utf8: $0) }
    }
}
