using System.Text.Json;
using Clearwind.Detection;
using Clearwind.Orleans.Abstractions;
using Clearwind.Output;

namespace Clearwind.Orleans;

/// <summary>Lane outputs to and from the wire: findings in their SPEC §8 JSON, the rest in the same JSON conventions.</summary>
internal static class LaneOutputCodec
{
    private static readonly JsonSerializerOptions Options = CreateOptions();

    public static LaneOutputMessage ToMessage(LaneOutput output) => output switch
    {
        { Finding: { } finding } => Message(output, LaneOutputKind.Finding, OutputJson.Write(finding)),
        { Corroboration: { } corroboration } => Message(output, LaneOutputKind.Corroboration, JsonSerializer.Serialize(corroboration, Options)),
        { Fault: { } fault } => Message(output, LaneOutputKind.Fault, JsonSerializer.Serialize(fault, Options)),
        _ => throw new ArgumentException("a lane output carries a finding, a corroboration or a fault", nameof(output)),
    };

    public static LaneOutput FromMessage(LaneOutputMessage message) => message.Kind switch
    {
        LaneOutputKind.Finding => new LaneOutput(message.Index, message.Phase, message.Order, message.Sequence) { Finding = OutputJson.ReadFinding(message.Json) },
        LaneOutputKind.Corroboration => new LaneOutput(message.Index, message.Phase, message.Order, message.Sequence) { Corroboration = Read<Corroboration>(message.Json) },
        LaneOutputKind.Fault => new LaneOutput(message.Index, message.Phase, message.Order, message.Sequence) { Fault = Read<LaneFault>(message.Json) },
        _ => throw new ArgumentException($"unknown lane output kind {message.Kind}", nameof(message)),
    };

    private static LaneOutputMessage Message(LaneOutput output, LaneOutputKind kind, string json)
        => new(output.Index, output.Phase, output.Order, output.Sequence, kind, json);

    private static T Read<T>(string json) => JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"empty {typeof(T).Name}");

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions();
        OutputJson.ApplyTo(options);
        return options;
    }
}
