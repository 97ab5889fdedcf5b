using Clearwind.Service;

var builder = WebApplication.CreateBuilder(args);
builder.AddClearwindService();

var app = builder.Build();
app.MapClearwindService();
app.Run();

/// <summary>The service's entry point (public for <c>WebApplicationFactory&lt;Program&gt;</c> in the tests).</summary>
public partial class Program;
