import BaseLinkerSandbox
import Testing

extension SandboxAccount {
    /// The first product that has variants, with its first variant; the test fails when no product has one.
    func firstVariant(sourceLocation: SourceLocation = #_sourceLocation) throws -> (parent: SandboxProduct, variant: SandboxVariant) {
        let parent = try #require(products().first { !$0.variants.isEmpty }, sourceLocation: sourceLocation)
        return (parent, parent.variants[0])
    }
}
