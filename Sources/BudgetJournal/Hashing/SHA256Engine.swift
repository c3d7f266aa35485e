import SHA256Hardware
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which code computes SHA-256: the processor's SHA instructions, or the software (one message at
/// a time, or several side by side in SIMD lanes). Both give the same digests; the tests run every
/// engine the machine has against the FIPS vectors and against each other.
public enum SHA256Engine: String, CaseIterable, Sendable {
    case software
    case hardware

    /// The engines this machine can run, the preferred one first.
    public static let available: [SHA256Engine] = hardwareUsable ? [.hardware, .software] : [.software]

    /// The hardware when the processor has it, unless `BUDGET_SHA=software` asks for the software
    /// (to compare the two, or to rule the hardware out).
    public static let preferred: SHA256Engine = {
        if let forced = getenv("BUDGET_SHA"), String(cString: forced) == "software" { return .software }
        return hardwareUsable ? .hardware : .software
    }()

    /// Built for this processor family and present on this processor: SHA, SSE4.1 and SSSE3.
    static let hardwareUsable: Bool = SHA256Hardware.isBuilt && ProcessorFeatures.hasSHAExtensions
}

/// What the processor can do, as the kernel reports it. Read once; a machine that cannot say is
/// taken to lack the feature, which only costs speed.
enum ProcessorFeatures {
    static let hasSHAExtensions: Bool = {
        #if os(Linux) && arch(x86_64)
        guard let flags = cpuFlags() else { return false }
        return ["sha_ni", "sse4_1", "ssse3"].allSatisfy(flags.contains)
        #else
        return false
        #endif
    }()

    /// The words of the first `flags` line of /proc/cpuinfo (every core reports the same).
    static func cpuFlags() -> Set<Substring>? {
        let fd = open("/proc/cpuinfo", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16_384)
        // The first core's lines come first; 256 KiB is far more than they take.
        while bytes.count < 262_144 {
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            bytes += chunk[0..<count]
        }
        let text = String(decoding: bytes, as: UTF8.self)
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("flags") }),
              let colon = line.firstIndex(of: ":") else { return nil }
        return Set(line[line.index(after: colon)...].split(separator: " "))
    }
}
