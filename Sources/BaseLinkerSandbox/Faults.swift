import Foundation

/// Which faults the sandbox injects and how often: `500:0.05,timeout:0.01,malformed:0.01,types:0.2`.
///
/// - `500`: HTTP 500 with an HTML body; the request is **not** applied.
/// - `timeout`: the request **is** applied, then the answer is held back longer than a client
///   waits (`SandboxConfiguration.timeoutDelay`). For a write this is the "in doubt" case: it
///   happened, but the client cannot know; retrying must be safe (check before adding again).
/// - `malformed`: the request is applied and the body is cut short or preceded by a PHP notice.
/// - `types`: values in a successful answer change type the way BaseLinker's do (ints and
///   floats as strings, flags as `"1"`/`1`/`true`, empty maps as `[]`); the meaning stays.
///
/// `500`, `timeout` and `malformed` exclude one another (their probabilities may add up to at
/// most 1); `types` is drawn independently.
public struct SandboxFaults: Sendable, Hashable, CustomStringConvertible {
    public var serverError: Double
    public var timeout: Double
    public var malformed: Double
    public var types: Double

    public init(serverError: Double = 0, timeout: Double = 0, malformed: Double = 0, types: Double = 0) {
        self.serverError = serverError
        self.timeout = timeout
        self.malformed = malformed
        self.types = types
    }

    public static let none = SandboxFaults()

    /// Parses a spec such as `500:0.05,timeout:0.01`; an empty spec means no faults.
    public init(parsing spec: String) throws(SandboxFaultSpecError) {
        self.init()
        var seen = Set<String>()
        for part in spec.split(separator: ",", omittingEmptySubsequences: false) {
            let item = part.trimmingCharacters(in: .whitespaces)
            if item.isEmpty {
                if spec.trimmingCharacters(in: .whitespaces).isEmpty { return }
                throw SandboxFaultSpecError(spec: spec, problem: "an empty entry (two commas in a row?)")
            }
            let pieces = item.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count == 2 else {
                throw SandboxFaultSpecError(spec: spec, problem: "'\(item)' is not KIND:PROBABILITY")
            }
            let kind = String(pieces[0]).lowercased()
            guard let probability = Double(pieces[1]), probability >= 0, probability <= 1 else {
                throw SandboxFaultSpecError(spec: spec, problem: "'\(pieces[1])' in '\(item)' is not a probability from 0 to 1")
            }
            guard seen.insert(kind).inserted else {
                throw SandboxFaultSpecError(spec: spec, problem: "'\(kind)' is given twice")
            }
            switch kind {
            case "500": serverError = probability
            case "timeout": timeout = probability
            case "malformed": malformed = probability
            case "types": types = probability
            default:
                throw SandboxFaultSpecError(
                    spec: spec, problem: "unknown fault '\(kind)' (expected 500, timeout, malformed or types)")
            }
        }
        guard serverError + timeout + malformed <= 1 + 1e-9 else {
            throw SandboxFaultSpecError(spec: spec, problem: "500, timeout and malformed together exceed 1")
        }
    }

    public var description: String {
        [("500", serverError), ("timeout", timeout), ("malformed", malformed), ("types", types)]
            .filter { $0.1 > 0 }.map { "\($0.0):\($0.1)" }.joined(separator: ",")
    }

    enum Kind: String {
        case serverError = "500", timeout, malformed
    }

    /// What happens to one request.
    struct Plan {
        var kind: Kind?
        var types: Bool
        var random: SeededRandom
    }

    /// Always draws the same numbers per request, so a seed replays the same faults.
    func plan(_ random: inout SeededRandom) -> Plan {
        let roll = random.unit()
        let typesRoll = random.unit()
        var kind: Kind?
        if roll < serverError {
            kind = .serverError
        } else if roll < serverError + timeout {
            kind = .timeout
        } else if roll < serverError + timeout + malformed {
            kind = .malformed
        }
        return Plan(kind: kind, types: typesRoll < types, random: SeededRandom(seed: random.next()))
    }
}

/// A `--faults` spec that cannot be read; says which part and why.
public struct SandboxFaultSpecError: Error, Sendable, CustomStringConvertible {
    public let spec: String
    public let problem: String

    public var description: String {
        "Invalid fault spec '\(spec)': \(problem). Example: 500:0.05,timeout:0.01,malformed:0.01,types:0.2"
    }
}
