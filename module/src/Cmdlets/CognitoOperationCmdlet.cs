using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Common;
using CognitoAdminAuth.Native.Contract;

namespace CognitoAdminAuth.Cmdlets
{
    /// <summary>
    /// What the two sign-in cmdlets share beyond the service cmdlets' common ground: the app client, the pool,
    /// the metadata and context members of both operations, the client secret the module turns into
    /// SECRET_HASH, -PassThru and -Force.
    /// </summary>
    public abstract class CognitoOperationCmdlet : AwsToolsOperationCmdlet
    {
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

        /// <summary>Deprecated in AWS.Tools V4 and absent in V5: use -Select '^ClientId' instead.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter PassThru { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter Force { get; set; }

        private protected static readonly SdkParameter ContextData_HttpHeader = new SdkParameter(
            nameof(ISdkParameterSet.ContextData_HttpHeader), typeof(AuthSdkParameterSet<,,>), own: true, s => s.ContextData_HttpHeader);

        /// <summary>The SDK-typed parameters of an operation cmdlet, with the operation's own enum parameter.</summary>
        private protected static SdkParameter[] WithCommon(SdkParameter kind) => CommonSdkParameters.Concat(new[] { ContextData_HttpHeader, kind }).ToArray();

        /// <summary>The operation's own enum parameter, as <paramref name="set"/> declares it.</summary>
        private protected static SdkParameter KindParameter(string name, Type set) => new SdkParameter(name, set, own: true, s => s.Kind);

        /// <summary>The set of a sign-in operation: the common parameters, HttpHeader[] and the operation's enum.</summary>
        private protected static SdkParameterSetType AuthSet(Type definition, string kindTypeName) => new SdkParameterSetType(definition,
            () => SdkTypes.AWSCredentials, () => SdkTypes.ClientConfig, () => SdkTypes.Named(SdkTypes.HttpHeaderName), () => SdkTypes.Named(kindTypeName));

        /// <summary>The operation's own mandatory enum parameter (AuthFlow, ChallengeName).</summary>
        private protected abstract SdkParameter Kind { get; }
        /// <summary>Its value as sent: the ConstantClass's Value.</summary>
        private protected string KindValue => BoundSdkParameters?.Kind?.ToString();
        /// <summary>The operation's input with its own members set (AuthFlow and AuthParameters, ...).</summary>
        private protected abstract IAuthInput OperationInput();

        private protected override string ShouldProcessTarget => ClientId ?? string.Empty;
        private protected override bool ForceRequested => Force.IsPresent;
        private protected override bool PassThruRequested => PassThru.IsPresent;
        private protected override string PassThruParameter => nameof(ClientId);
        private protected override IEnumerable<string> MandatoryParameters => new[] { nameof(ClientId), nameof(UserPoolId), Kind.Name };

        private protected override IContractWriter BuildInput()
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

        private protected override EnvelopeExtras Extras() => new EnvelopeExtras { ClientSecret = Secrets.Reveal(ClientSecret, nameof(ClientSecret)) };

        /// <summary>ContextData exists when any of its parts was given, with just those parts.</summary>
        private ContextData BuildContextData()
        {
            var headers = Bound(ContextData_HttpHeader) as System.Array;
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
    }
}
