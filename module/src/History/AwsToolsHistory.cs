using System;
using System.Collections.Concurrent;
using System.IO;
using System.Linq;
using System.Linq.Expressions;
using System.Management.Automation;
using System.Reflection;
using CognitoAdminAuth.Aws;

namespace CognitoAdminAuth.History
{
    /// <summary>
    /// AWS.Tools V4's $AWSHistory (AWS.Tools.Common's AWSCmdletHistoryBuffer), recorded into as its own cmdlets
    /// do: an entry started per invocation, requests when it records them, responses and errors, pushed at the
    /// end. Its members are internal, so they are bound once, by name, into compiled delegates. The copies are
    /// redacted unless its IncludeSensitiveData (4.1.x; absent from older V4) says otherwise.
    /// </summary>
    internal sealed class AwsToolsHistory
    {
        private const string BufferType = "Amazon.PowerShell.Common.AWSCmdletHistoryBuffer";
        private static readonly string[] Hosts = { "AWS.Tools.Common", "AWSPowerShell.NetCore", "AWSPowerShell" };
        private const BindingFlags Members = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        private static readonly ConcurrentDictionary<Type, AwsToolsHistory> Bound = new ConcurrentDictionary<Type, AwsToolsHistory>();
        private static readonly Lazy<Type> InstalledType = new Lazy<Type>(FindInstalled);

        private readonly Func<object, string, object> _start;
        private readonly Func<object, bool> _recordRequests;
        private readonly Func<object, bool> _includeSensitive;
        private readonly Action<object, object> _push;
        private readonly Func<object, object> _requests;
        private readonly Action<object, object> _addRequest;
        private readonly Action<object, object> _pushResponse;
        private readonly Func<object, int> _emitted;
        private readonly Action<object, int> _setEmitted;

        private AwsToolsHistory(Type buffer)
        {
            Buffer = buffer.GetProperty("Instance", BindingFlags.NonPublic | BindingFlags.Public | BindingFlags.Static).GetValue(null);
            var entry = buffer.GetMethod("StartCmdletHistory", Members).ReturnType;
            var requests = entry.GetProperty("Requests", Members);
            _start = Call<Func<object, string, object>>(buffer, "StartCmdletHistory", typeof(string));
            _recordRequests = Call<Func<object, bool>>(buffer, "get_RecordServiceRequests");
            if (buffer.GetProperty("IncludeSensitiveData", Members) != null)
                _includeSensitive = Call<Func<object, bool>>(buffer, "get_IncludeSensitiveData");
            _push = Call<Action<object, object>>(buffer, "PushCmdletHistory", entry);
            _requests = Call<Func<object, object>>(entry, requests.GetGetMethod(true).Name);
            _addRequest = Call<Action<object, object>>(requests.PropertyType, "Add", typeof(PSObject));
            _pushResponse = Call<Action<object, object>>(entry, "PushServiceResponse", typeof(object));
            _emitted = Call<Func<object, int>>(entry, "get_EmittedObjectsCount");
            _setEmitted = Call<Action<object, int>>(entry, "set_EmittedObjectsCount", typeof(int));
        }

        /// <summary>AWS.Tools' buffer object (the value of $AWSHistory).</summary>
        public object Buffer { get; }

        /// <summary>The adapter for a $AWSHistory value that is AWS.Tools V4's buffer; null for anything else.</summary>
        public static AwsToolsHistory For(object buffer) =>
            buffer != null && buffer.GetType().FullName == BufferType && buffer.GetType().Assembly != typeof(AwsToolsHistory).Assembly
                ? Bound.GetOrAdd(buffer.GetType(), t => new AwsToolsHistory(t))
                : null;

        /// <summary>
        /// The module (AWS.Tools.Common) whose V4 buffer is, or will be when nobody has set it yet, the $AWSHistory
        /// of a session; null where the module keeps its own.
        /// </summary>
        public static string ModuleOf(object shown)
        {
            var buffer = shown is PSObject ps ? ps.BaseObject : shown;
            var history = buffer == null ? Installed() : For(buffer);
            return history?.Buffer.GetType().Assembly.GetName().Name;
        }

        /// <summary>AWS.Tools V4's buffer when AWS.Tools.Common is loaded or is the install the session's SDK came from.</summary>
        public static AwsToolsHistory Installed() => InstalledType.Value == null ? null : Bound.GetOrAdd(InstalledType.Value, t => new AwsToolsHistory(t));

        public ICmdletHistory Start(string cmdletName) => new Entry(this, _start(Buffer, cmdletName));

        private static Type FindInstalled()
        {
            var loaded = AppDomain.CurrentDomain.GetAssemblies().Where(a => Hosts.Contains(a.GetName().Name))
                .Select(a => a.GetType(BufferType, throwOnError: false)).FirstOrDefault(t => t != null);
            if (loaded != null) return loaded;
            // The V4 install the session's AWSSDK.Core came from keeps the history in its AWS.Tools.Common.dll: the
            // very file Import-Module AWS.Tools.Common loads later (V5's has no history type).
            var folder = SessionAssemblies.Current.Install?.ModuleFolder;
            var dll = folder == null ? null : Hosts.Select(h => Path.Combine(folder, h + ".dll")).FirstOrDefault(File.Exists);
            if (dll == null) return null;
            try { return Assembly.LoadFrom(dll).GetType(BufferType, throwOnError: false); }
            catch (Exception e) when (e is IOException || e is BadImageFormatException) { return null; }
        }

        /// <summary>A delegate (object target, args...) calling an instance member, bound once.</summary>
        private static T Call<T>(Type type, string method, params Type[] arguments) where T : Delegate
        {
            var info = type.GetMethod(method, Members, null, arguments, null) ?? throw new MissingMethodException(type.FullName, method);
            var target = Expression.Parameter(typeof(object));
            var parameters = typeof(T).GetMethod("Invoke").GetParameters().Skip(1).Select(p => Expression.Parameter(p.ParameterType)).ToList();
            Expression call = Expression.Call(Expression.Convert(target, type), info,
                parameters.Zip(arguments, (p, a) => (Expression)Expression.Convert(p, a)));
            var returns = typeof(T).GetMethod("Invoke").ReturnType;
            if (returns != typeof(void) && call.Type != returns) call = Expression.Convert(call, returns);
            return Expression.Lambda<T>(call, new[] { target }.Concat(parameters)).Compile();
        }

        private sealed class Entry : ICmdletHistory
        {
            private readonly AwsToolsHistory _history;
            private readonly object _entry;

            public Entry(AwsToolsHistory history, object entry) { _history = history; _entry = entry; }

            public bool RecordServiceRequests => _history._recordRequests(_history.Buffer);
            public bool IncludeSensitiveData => _history._includeSensitive?.Invoke(_history.Buffer) ?? false;

            public void AddRequest(PSObject request)
            {
                request.Properties.Add(new PSNoteProperty("LoggedAt", DateTime.Now));
                _history._addRequest(_history._requests(_entry), request);
            }

            public void AddResponse(object responseOrError) => _history._pushResponse(_entry, responseOrError);
            public void CountEmitted() => _history._setEmitted(_entry, _history._emitted(_entry) + 1);
            public void Commit() => _history._push(_history.Buffer, _entry);
        }
    }
}
