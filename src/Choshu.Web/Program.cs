using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Web;

// Runs the web app on its own (dotnet run --project src/Choshu.Web -- --db "…" --urls …), and is
// the entry point WebApplicationFactory<WebEntryPoint> starts in the tests. Staff start it with `choshu serve`.
var db = new ConfigurationBuilder().AddCommandLine(args).Build()["db"];
var store = Store.Resolve(db);
var app = ChoshuWeb.BuildApp(args, store, TimeProvider.System);
await StoreInitializer.InitializeAsync(store);
await app.RunAsync();
