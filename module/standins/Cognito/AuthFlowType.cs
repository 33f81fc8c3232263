using Amazon.Runtime;

namespace Amazon.CognitoIdentityProvider
{
    /// <summary>
    /// The AuthFlow values of AdminInitiateAuth (cognito-idp API model), a stand-in for the SDK's where the session has none; held to the SDK for Rust
    /// (native/src/api_model_tests.rs) and botocore's model (tests/ApiModelContract.Tests.ps1).
    /// </summary>
    public class AuthFlowType : ConstantClass
    {
        public static readonly AuthFlowType ADMIN_NO_SRP_AUTH = new AuthFlowType("ADMIN_NO_SRP_AUTH");
        public static readonly AuthFlowType ADMIN_USER_PASSWORD_AUTH = new AuthFlowType("ADMIN_USER_PASSWORD_AUTH");
        public static readonly AuthFlowType CUSTOM_AUTH = new AuthFlowType("CUSTOM_AUTH");
        public static readonly AuthFlowType REFRESH_TOKEN = new AuthFlowType("REFRESH_TOKEN");
        public static readonly AuthFlowType REFRESH_TOKEN_AUTH = new AuthFlowType("REFRESH_TOKEN_AUTH");
        public static readonly AuthFlowType USER_AUTH = new AuthFlowType("USER_AUTH");
        public static readonly AuthFlowType USER_PASSWORD_AUTH = new AuthFlowType("USER_PASSWORD_AUTH");
        public static readonly AuthFlowType USER_SRP_AUTH = new AuthFlowType("USER_SRP_AUTH");

        public AuthFlowType(string value) : base(value) { }

        public static AuthFlowType FindValue(string value) => FindValue<AuthFlowType>(value);

        public static implicit operator AuthFlowType(string value) => FindValue(value);
    }
}
