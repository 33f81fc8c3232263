using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Threading;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Common;
using CognitoAdminAuth.Completion;
using CognitoAdminAuth.History;
using CognitoAdminAuth.Native;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Cmdlets
{
    /// <summary>
    /// Everything the two cmdlets share: the per-record order of AWS.Tools (credentials → region →
    /// ShouldProcess → -Select validation → request → call → select → output), -Select/-PassThru/-Force,
    /// the $null warnings for mandatory parameters, cancellation and error mapping.
    /// </summary>
    public abstract class CognitoOperationCmdlet : CommonArgumentsCmdlet
    {
        private CancellationTokenSource _stopping;
        /// <summary>Whether the Verbose line about an installed SDK that would not load was written (once per session).</summary>
        private static int _fallbackReported;
        private ICmdletHistory _history;
        private readonly Dictionary<string, Resolution> _resolutions = new Dictionary<string, Resolution>();
        /// <summary>The environment as the pipeline started: read once, not per record.</summary>
        private Dictionary<string, string> _environment;
        /// <summary>The last record's connection, reused while the records bind the same connection parameters.</summary>
        private Connection _connection;
        /// <summary>A pipeline whose records bind this many different connections is rare; past it, start over.</summary>
        private const int MaxResolutions = 16;

        [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string ClientId { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string UserPoolId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Hashtable ClientMetadata { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Session { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string AnalyticsMetadata_AnalyticsEndpointId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string ContextData_EncodedData { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string ContextData_IpAddress { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string ContextData_ServerName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string ContextData_ServerPath { get; set; }

        /// <summary>
        /// The app client's secret (SecureString or string). Beyond AWS.Tools: the module adds SECRET_HASH for
        /// USERNAME to the request unless one is given; the secret itself is never sent.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SecretParameter]
        public object ClientSecret { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(SelectCompleter))]
        public string Select { get; set; } = "*";

        /// <summary>Deprecated in AWS.Tools V4 and absent in V5: use -Select '^ClientId' instead.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter PassThru { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter Force { get; set; }

        /// <summary>HttpHeader[] of the session's SDK; a hashtable @{HeaderName=..; HeaderValue=..} converts to it.</summary>
        private protected static readonly SdkParameter ContextData_HttpHeader = new SdkParameter("ContextData_HttpHeader", () => SdkTypes.HttpHeaderArray, own: true,
            new ParameterAttribute { ValueFromPipelineByPropertyName = true }, new AliasAttribute("ContextData_HttpHeaders"));

        /// <summary>The SDK-typed parameters of an operation cmdlet, with the operation's own enum parameter.</summary>
        private protected static SdkParameter[] WithCommon(SdkParameter kind) => CommonSdkParameters.Concat(new[] { ContextData_HttpHeader, kind }).ToArray();

        /// <summary>The AWS operation, e.g. AdminInitiateAuth.</summary>
        protected abstract string OperationName { get; }
        /// <summary>The response's SDK type name (the type itself is the session's).</summary>
        protected abstract string ResponseTypeName { get; }
        private Type ResponseType => SdkTypes.Named(ResponseTypeName);
        /// <summary>The operation's own mandatory enum parameter (AuthFlow, ChallengeName).</summary>
        private protected abstract SdkParameter Kind { get; }
        /// <summary>Its value as sent: the ConstantClass's Value.</summary>
        private protected string KindValue => Bound(Kind)?.ToString();
        /// <summary>The operation's input with its own members set (AuthFlow and AuthParameters, ...).</summary>
        private protected abstract IAuthInput OperationInput();
        /// <summary>A remembered device's secret for DEVICE_SRP_AUTH, where the operation takes one.</summary>
        private protected virtual DeviceSecret Device() => null;
        /// <summary>The parameters of the challenge being answered, where the operation answers one.</summary>
        private protected virtual Dictionary<string, string> ChallengeParameters() => null;

        /// <summary>The request the AWS.Tools way (spec §1.5): only the members given, flattened structures rebuilt.</summary>
        private IAuthInput BuildInput()
        {
            var input = OperationInput();
            input.ClientId = ClientId;
            input.UserPoolId = UserPoolId;
            input.ClientMetadata = StringMaps.FromHashtable(ClientMetadata, nameof(ClientMetadata));
            input.AnalyticsMetadata = AnalyticsMetadata_AnalyticsEndpointId == null ? null : new AnalyticsMetadata { AnalyticsEndpointId = AnalyticsMetadata_AnalyticsEndpointId };
            input.ContextData = BuildContextData();
            input.Session = Session;
            return input;
        }

        /// <summary>ContextData exists when any of its parts was given, with just those parts.</summary>
        private ContextData BuildContextData()
        {
            var headers = Bound(ContextData_HttpHeader) as Array;
            if (ContextData_EncodedData == null && headers == null && ContextData_IpAddress == null &&
                ContextData_ServerName == null && ContextData_ServerPath == null) return null;
            return new ContextData
            {
                EncodedData = ContextData_EncodedData,
                HttpHeaders = headers?.Cast<object>().Select(h => new Header { HeaderName = HeaderMember(h, "HeaderName"), HeaderValue = HeaderMember(h, "HeaderValue") }).ToList(),
                IpAddress = ContextData_IpAddress,
                ServerName = ContextData_ServerName,
                ServerPath = ContextData_ServerPath,
            };
        }

        private static string HeaderMember(object header, string name) => header?.GetType().GetProperty(name)?.GetValue(header) as string;

        protected override void BeginProcessing()
        {
            _stopping = new CancellationTokenSource();
            _environment = ScriptEnvironment.Capture();
            if (SessionAssemblies.Current.Fallback is string fallback && Interlocked.Exchange(ref _fallbackReported, 1) == 0) WriteVerbose(fallback);
            _history = CmdletHistory.Start(MyInvocation.MyCommand.Name, SessionState);
        }

        protected override void StopProcessing() => _stopping?.Cancel();

        protected override void EndProcessing()
        {
            CommitHistory();
            _stopping?.Dispose();
        }

        protected override void ProcessRecord()
        {
            WarnAboutNullMandatoryParameters();
            var connection = Connect();
            foreach (var message in connection.DebugMessages) WriteDebug(message);

            var action = $"{MyInvocation.MyCommand.Name} ({OperationName})";
            if (!Force.IsPresent || MyInvocation.BoundParameters.ContainsKey("WhatIf"))
            {
                if (!ShouldProcess(ClientId ?? string.Empty, action)) return;
            }

            var selector = BuildSelector();
            var input = OrInvalidCast(BuildInput);
            var challenge = OrInvalidCast(ChallengeParameters);
            WriteVerbose($"Invoking Amazon Cognito Identity Provider operation '{OperationName}' {connection.Target}");
            var response = Call(connection.Settings, input, challenge);
            foreach (var item in selector.Apply(response, this))
            {
                WriteObject(item, enumerateCollection: !(item is IDictionary));
                _history.CountEmitted();
            }
        }

        /// <summary>
        /// The credentials, region and endpoint for this record: resolved for the first record and again only when a
        /// record binds other connection parameters (the shell variables and the environment are those of the
        /// pipeline's start).
        /// </summary>
        private Connection Connect()
        {
            var arguments = ConnectionArguments();
            if (_connection != null && _connection.Arguments.SameAs(arguments)) return _connection;
            var resolver = new ConnectionResolver(arguments, SessionState, _environment);
            try
            {
                var settings = resolver.Resolve(ResolveConnection);
                return _connection = new Connection(arguments, settings, resolver.Target, resolver.DebugMessages);
            }
            catch (InvalidOperationException e)
            {
                ThrowTerminatingError(ExecutionError(e));
                return null; // not reached: ThrowTerminatingError always throws
            }
        }

        private sealed class Connection
        {
            public Connection(ConnectionArguments arguments, ClientSettings settings, string target, List<string> debugMessages)
            {
                Arguments = arguments; Settings = settings; Target = target; DebugMessages = debugMessages;
            }

            public ConnectionArguments Arguments { get; }
            public ClientSettings Settings { get; }
            public string Target { get; }
            public List<string> DebugMessages { get; }
        }

        /// <summary>AWS.Tools' "execution error" shape (no credentials, no region): id InvalidOperationException, no inner.</summary>
        private ErrorRecord ExecutionError(InvalidOperationException e)
        {
            var record = new ErrorRecord(e, "InvalidOperationException", ErrorCategory.InvalidOperation, this);
            if (e.Data[StringMaps.RecommendedActionKey] is string detail)
                record.ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = detail };
            return record;
        }

        /// <summary>
        /// The native steps of the chains, once per pipeline for each distinct input (records that bind other
        /// credential or region parameters get their own): profile files are read, and the tail probed, once.
        /// </summary>
        private Resolution ResolveConnection(ClientSettings settings)
        {
            const string operation = NativeNames.Operation.ResolveConnection;
            var request = NativeRequest.Create(operation, settings, null);
            string key;
            using (var sha = System.Security.Cryptography.SHA256.Create()) key = Convert.ToBase64String(sha.ComputeHash(request));
            if (_resolutions.TryGetValue(key, out var known))
            {
                // The envelope holds -SecretKey and -SessionToken; NativeCore.Invoke wipes it on every other path.
                Array.Clear(request, 0, request.Length);
                return known;
            }
            try
            {
                var resolution = NativeCore.Invoke(request, _stopping.Token, Resolution.Read);
                if (_resolutions.Count >= MaxResolutions) _resolutions.Clear();
                return _resolutions[key] = resolution;
            }
            catch (NativeCallException e) when (e.ToTypedException(operation) is InvalidOperationException failed) { throw failed; }
            catch (NativeCallException e) { throw Terminate(e.ToTypedException(operation)); }
        }

        /// <summary>A hashtable parameter with a value that is not a string ends the call before anything is sent.</summary>
        private T OrInvalidCast<T>(Func<T> build)
        {
            try { return build(); }
            catch (InvalidCastException e)
            {
                var record = new ErrorRecord(e, typeof(InvalidCastException).FullName, ErrorCategory.InvalidArgument, null);
                record.ErrorDetails = new ErrorDetails(e.Message) { RecommendedAction = e.Data[StringMaps.RecommendedActionKey] as string };
                ThrowTerminatingError(record);
                return default; // not reached: ThrowTerminatingError always throws
            }
        }

        private object Call(ClientSettings client, IAuthInput input, Dictionary<string, string> challenge)
        {
            if (_history.RecordServiceRequests)
                _history.AddRequest(Redaction.Request(OperationName, input, _history.IncludeSensitiveData));
            try
            {
                var request = NativeRequest.Create(OperationName, client, input, Secrets.Reveal(ClientSecret, nameof(ClientSecret)), Device(), challenge);
                var answer = NativeCore.Invoke(request, _stopping.Token, AuthResponse.Read);
                var response = SdkTypes.Response(ResponseType, answer);
                _history.AddResponse(_history.IncludeSensitiveData ? response : SdkTypes.Response(ResponseType, Redaction.Response(answer)));
                return response;
            }
            catch (NativeCallException e)
            {
                var typed = e.ToTypedException(OperationName);
                _history.AddResponse(typed);
                CommitHistory();
                throw Terminate(typed);
            }
        }

        private void CommitHistory()
        {
            _history?.Commit();
            _history = null;
        }

        private Selector BuildSelector()
        {
            var selectBound = MyInvocation.BoundParameters.ContainsKey(nameof(Select));
            var selector = selectBound ? Selector.Parse(Select, ResponseType, OwnParameters()) : Selector.Whole;
            if (PassThru.IsPresent)
            {
                if (selectBound) throw new ArgumentException("-PassThru cannot be used when -Select is specified.", nameof(Select));
                selector = Selector.Parse("^ClientId", ResponseType, OwnParameters());
            }
            return selector;
        }

        /// <summary>What '-Select ^Name' may name: parameters declared here and on the concrete cmdlet (the SDK-typed
        /// ones included), but not the common ones or the secrets the module adds.</summary>
        private IEnumerable<Selector.Parameter> OwnParameters() =>
            DeclaredParameters(GetType()).Select(Selector.OfProperty)
                .Concat(SdkParameters.Where(p => p.Own).Select(p => new Selector.Parameter(p.Names, _ => Bound(p))));

        /// <summary>The parameters declared as properties from <paramref name="cmdlet"/> down to this class, secrets left out.</summary>
        private static IEnumerable<PropertyInfo> DeclaredParameters(Type cmdlet)
        {
            for (var t = cmdlet; t != typeof(CommonArgumentsCmdlet); t = t.BaseType)
                foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                    if (p.IsDefined(typeof(ParameterAttribute)) && !p.IsDefined(typeof(SecretParameterAttribute))) yield return p;
        }

        private void WarnAboutNullMandatoryParameters()
        {
            // AWS.Tools marks these mandatory yet lets them be $null (the service then refuses the request).
            foreach (var name in new[] { nameof(ClientId), nameof(UserPoolId), Kind.Name })
                if (MyInvocation.BoundParameters.TryGetValue(name, out var v) && v == null)
                    WriteWarning($"You are passing $null as a value for parameter {name} which is marked as required. " +
                                 "In case you believe this parameter was incorrectly marked as required, report this by opening an issue at " +
                                 "https://github.com/aws/aws-tools-for-powershell/issues.");
        }

        /// <summary>
        /// AWS.Tools' error shape: InvalidOperationException carrying the service message, the typed exception
        /// inside, error id = the inner type's full name, category InvalidOperation. A cancelled call ends the
        /// pipeline the way PowerShell expects after Ctrl+C.
        /// </summary>
        private Exception Terminate(Exception inner)
        {
            if (inner is OperationCanceledException && _stopping.IsCancellationRequested)
                return new PipelineStoppedException();
            var record = inner.GetType() == typeof(InvalidOperationException)
                ? ExecutionError((InvalidOperationException)inner)
                : new ErrorRecord(new InvalidOperationException(inner.Message, inner), inner.GetType().FullName, ErrorCategory.InvalidOperation, this);
            ThrowTerminatingError(record);
            return null; // not reached: ThrowTerminatingError always throws
        }
    }
}
