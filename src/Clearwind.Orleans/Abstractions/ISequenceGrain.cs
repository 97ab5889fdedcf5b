namespace Clearwind.Orleans.Abstractions;

/// <summary>Hands out arrival sequence numbers (the store's tie-break between equal event times) in blocks; key 0.</summary>
[Alias("Clearwind.ISequenceGrain")]
public interface ISequenceGrain : IGrainWithIntegerKey
{
    /// <summary>Reserves <paramref name="count"/> consecutive numbers and returns the first.</summary>
    [Alias("Reserve")]
    Task<long> ReserveAsync(int count);
}
