using System.Management.Automation;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Common;
using CognitoAdminAuth.Completion;

namespace CognitoAdminAuth.Cmdlets
{
    /// <summary>The SDK-typed parameters' values, whichever set a cmdlet declares.</summary>
    internal interface ISdkParameterSet
    {
        object Credential { get; }
        object ClientConfig { get; }
        object ContextData_HttpHeader { get; }
        /// <summary>The operation's own enum parameter (AuthFlow, ChallengeName); null where it has none.</summary>
        object Kind { get; }
    }

    /// <summary>
    /// The parameters typed by the session's SDK (<see cref="SdkParameter"/>), as properties of classes closed over the
    /// session's types once per process. PowerShell keeps the parameter metadata of a type, where it would build that
    /// of RuntimeDefinedParameters again for every invocation. Get-Command shows AWS.Tools' types all the same.
    /// </summary>
    public class CommonSdkParameterSet<TCredential, TClientConfig> : ISdkParameterSet
    {
        /// <summary>An AWSCredentials object (AWS.Tools' or the stand-in), or any object with AccessKey and SecretKey.</summary>
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [CredentialsTransformation]
        public TCredential Credential { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public TClientConfig ClientConfig { get; set; }

        object ISdkParameterSet.Credential => Credential;
        object ISdkParameterSet.ClientConfig => ClientConfig;
        object ISdkParameterSet.ContextData_HttpHeader => HttpHeaders;
        object ISdkParameterSet.Kind => KindValue;
        private protected virtual object HttpHeaders => null;
        private protected virtual object KindValue => null;
    }

    /// <summary>What both sign-in operations add: the context's HttpHeader[].</summary>
    public class AuthSdkParameterSet<TCredential, TClientConfig, THttpHeader> : CommonSdkParameterSet<TCredential, TClientConfig>
    {
        /// <summary>HttpHeader[] of the session's SDK; a hashtable @{HeaderName=..; HeaderValue=..} converts to it.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ContextData_HttpHeaders")]
        public THttpHeader[] ContextData_HttpHeader { get; set; }

        private protected override object HttpHeaders => ContextData_HttpHeader;
    }

    public sealed class InitiateSdkParameterSet<TCredential, TClientConfig, THttpHeader, TAuthFlow> : AuthSdkParameterSet<TCredential, TClientConfig, THttpHeader>
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [ArgumentCompleter(typeof(AuthFlowCompleter))]
        [ConstantTransformation(SdkTypes.AuthFlowTypeName)]
        public TAuthFlow AuthFlow { get; set; }

        private protected override object KindValue => AuthFlow;
    }

    public sealed class RespondSdkParameterSet<TCredential, TClientConfig, THttpHeader, TChallengeName> : AuthSdkParameterSet<TCredential, TClientConfig, THttpHeader>
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [ArgumentCompleter(typeof(ChallengeNameCompleter))]
        [ConstantTransformation(SdkTypes.ChallengeNameTypeName)]
        public TChallengeName ChallengeName { get; set; }

        private protected override object KindValue => ChallengeName;
    }
}
