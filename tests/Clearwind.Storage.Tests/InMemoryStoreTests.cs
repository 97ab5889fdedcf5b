using Clearwind.Storage;
using Clearwind.TestKit;

namespace Clearwind.Storage.Tests;

/// <summary>The store contract against <see cref="InMemoryStore"/> (not durable: the reopen facts check nothing).</summary>
public sealed class InMemoryStoreTests : StoreContractTests
{
    protected override Task<IClearwindStore> CreateStoreAsync() => Task.FromResult<IClearwindStore>(new InMemoryStore());
}
