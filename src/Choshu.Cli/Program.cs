using System.Text;
using Choshu.Cli;

Console.OutputEncoding = new UTF8Encoding(false);
return await CliApp.RunAsync(args, Console.Out, Console.Error, TimeProvider.System);
