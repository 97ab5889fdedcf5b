namespace Clearwind.FakeReviews;

/// <summary>A stored signature found near another: its payload, estimated Jaccard similarity and sequence number (which entry it is).</summary>
internal readonly record struct NearDuplicate(int Payload, double Similarity, long Sequence);
