namespace Clearwind.Service.Cases;

/// <summary>
/// Checks an appeal's body before anything reads it, so a malformed one is refused with a 400 that says what is wrong
/// rather than failing inside the re-check or the journal (JSON <c>null</c> where a list belongs, a delivery without an
/// order, a weight of NaN).
/// </summary>
public static class AppealRequestCheck
{
    /// <summary>Throws <see cref="CaseException"/> (400) when the request cannot be filed as it is.</summary>
    public static void Validate(AppealRequest? request)
    {
        if (request is null)
        {
            throw new CaseException(400, "an appeal needs a JSON object with a statement");
        }

        if (string.IsNullOrWhiteSpace(request.Statement))
        {
            throw new CaseException(400, "an appeal needs a statement: why the decision is wrong");
        }

        if (request.Evidence is not { } evidence)
        {
            return;
        }

        if (evidence.Deliveries is null || evidence.Chats is null)
        {
            throw new CaseException(400, "evidence.deliveries and evidence.chats are lists; leave them out rather than null");
        }

        if (evidence.Chats.Any(string.IsNullOrWhiteSpace))
        {
            throw new CaseException(400, "evidence.chats holds chat message ids; one is empty");
        }

        for (var i = 0; i < evidence.Deliveries.Count; i++)
        {
            var problem = evidence.Deliveries[i] switch
            {
                null => "is empty",
                { Order: var order } when string.IsNullOrWhiteSpace(order) => "names no order",
                { WeightG: var weight } when !double.IsFinite(weight) || weight < 0 => "needs a weight_g of 0 grams or more",
                _ => null,
            };
            if (problem is not null)
            {
                throw new CaseException(400, $"evidence.deliveries[{i}] {problem}");
            }
        }
    }
}
