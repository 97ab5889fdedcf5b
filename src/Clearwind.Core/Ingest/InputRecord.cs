using Clearwind.Events;

namespace Clearwind.Ingest;

/// <summary>One line of an input and what became of it.</summary>
/// <param name="Line">1-based line number in its input.</param>
/// <param name="Result">The parse result.</param>
public readonly record struct InputRecord(long Line, ParseResult Result);
