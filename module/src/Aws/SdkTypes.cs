using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using CognitoAdminAuth.Native.Contract;

namespace CognitoAdminAuth.Aws
{
    /// <summary>
    /// The session's SDK types the module takes and returns, by the names AWS.Tools uses, and what the module
    /// does with them: built once through compiled delegates, never by reflection per call.
    /// </summary>
    internal static class SdkTypes
    {
        public const string AuthFlowTypeName = "Amazon.CognitoIdentityProvider.AuthFlowType";
        public const string ChallengeNameTypeName = "Amazon.CognitoIdentityProvider.ChallengeNameType";
        public const string InitiateResponseName = "Amazon.CognitoIdentityProvider.Model.AdminInitiateAuthResponse";
        public const string RespondResponseName = "Amazon.CognitoIdentityProvider.Model.AdminRespondToAuthChallengeResponse";
        public const string AssociateResponseName = "Amazon.CognitoIdentityProvider.Model.AssociateSoftwareTokenResponse";
        public const string VerifyResponseName = "Amazon.CognitoIdentityProvider.Model.VerifySoftwareTokenResponse";
        public const string RefreshResponseName = "Amazon.CognitoIdentityProvider.Model.GetTokensFromRefreshTokenResponse";
        public const string AuthenticationResultName = "Amazon.CognitoIdentityProvider.Model.AuthenticationResultType";
        public const string RevokeResponseName = "Amazon.CognitoIdentityProvider.Model.RevokeTokenResponse";
        public const string GlobalSignOutResponseName = "Amazon.CognitoIdentityProvider.Model.AdminUserGlobalSignOutResponse";
        public const string HttpHeaderName = "Amazon.CognitoIdentityProvider.Model.HttpHeader";
        private const string ClientConfigName = "Amazon.CognitoIdentityProvider.AmazonCognitoIdentityProviderConfig";

        private static readonly ConcurrentDictionary<string, Type> Types = new ConcurrentDictionary<string, Type>(StringComparer.Ordinal);
        private static readonly ConcurrentDictionary<Type, Func<string, object>> FindValues = new ConcurrentDictionary<Type, Func<string, object>>();
        private static readonly ConcurrentDictionary<Type, Delegate> Responses = new ConcurrentDictionary<Type, Delegate>();

        public static Type Named(string fullName) => Types.GetOrAdd(fullName, n => SessionAssemblies.Current.Type(n));

        public static Type AWSCredentials => Named("Amazon.Runtime.AWSCredentials");

        /// <summary>The SDK's client settings class; object where the session's Cognito assembly has none.</summary>
        public static Type ClientConfig => Types.GetOrAdd(ClientConfigName, n => SessionAssemblies.Current.Cognito.GetType(n) ?? typeof(object));

        /// <summary>A value of a ConstantClass (known values case-insensitively, as the SDK's FindValue does).</summary>
        public static object Constant(Type type, string value) =>
            FindValues.GetOrAdd(type, t => (Func<string, object>)Delegate.CreateDelegate(typeof(Func<string, object>), ObjectMapper.ConstantFindValue(t)))(value);

        /// <summary>The values a ConstantClass declares, sorted as the AWS.Tools completer offers them.</summary>
        public static IReadOnlyList<string> KnownValues(Type type) =>
            type.GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.FieldType == type)
                .Select(f => f.GetValue(null).ToString()).OrderBy(v => v, StringComparer.Ordinal).ToList();

        /// <summary>The response object of the native answer, in the session's type for <paramref name="responseType"/>.</summary>
        public static object Response<TWire>(Type responseType, TWire wire) where TWire : class =>
            ((Func<TWire, object>)Responses.GetOrAdd(responseType, t => ObjectMapper.Compile<TWire>(t)))(wire);

        /// <summary>BasicAWSCredentials or SessionAWSCredentials of the session's AWSSDK.Core.</summary>
        public static object Credentials(string accessKey, string secretKey, string sessionToken) => sessionToken == null
            ? Activator.CreateInstance(Named("Amazon.Runtime.BasicAWSCredentials"), accessKey, secretKey)
            : Activator.CreateInstance(Named("Amazon.Runtime.SessionAWSCredentials"), accessKey, secretKey, sessionToken);
    }
}
