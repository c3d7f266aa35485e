import BudgetText
import BudgetModel

extension EventDecoder {
    /// Checks the fixed tail of a line, `,"hash":"<64 lowercase hex>"}`, and that the hash is
    /// the SHA-256 of everything before it. Returns the hash.
    /// `computed` is the hash of the content if the caller already has it (hashed in lanes, see
    /// `SHA256Lanes`); otherwise it is computed here.
    static func verifiedHash(of line: UnsafeRawBufferPointer, computed: SHA256Digest? = nil) throws(LineProblem) -> SHA256Digest {
        let written = try writtenHash(of: line)
        guard computed ?? SHA256.hash(UnsafeRawBufferPointer(rebasing: line[..<(line.count - hashSuffixBytes)])) == written else {
            throw LineProblem(Message(.contentDoesNotMatchIts))
        }
        return written
    }

    /// The hash a line's tail names, unchecked.
    static func writtenHash(of line: UnsafeRawBufferPointer) throws(LineProblem) -> SHA256Digest {
        guard line.count > hashSuffixBytes else { throw LineProblem(Message(.tooShortToBeEvent)) }
        let suffix = UnsafeRawBufferPointer(rebasing: line[(line.count - hashSuffixBytes)...])
        guard suffix.starts(with: ",\"hash\":\"".utf8), suffix[73] == UInt8(ascii: "\""), suffix[74] == UInt8(ascii: "}"),
              let written = SHA256Digest(lowercaseHexBytes: UnsafeRawBufferPointer(rebasing: suffix[9..<73]))
        else { throw LineProblem(Message(.doesNotEndWithIts)) }
        return written
    }
}
