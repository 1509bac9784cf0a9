import { graphql } from '@/gql';

// Managing others' accounts (the accounts page); one's own account is in `own.ts`.
export const AccountsQuery = graphql(`
  query Accounts($search: String) {
    accounts(search: $search, limit: 200) {
      totalCount
      items {
        id
        email
        displayName
        systemRole
        regionId
        townNameHe
        townNameEn
        townNameAr
        disabled
        pendingInvitation
        version
      }
    }
    regions {
      id
      nameHe
      nameEn
      nameAr
    }
    towns(limit: 200) {
      items {
        id
        nameHe
        nameEn
        nameAr
        region {
          id
        }
      }
    }
  }
`);

export const InviteAccountMutation = graphql(`
  mutation InviteAccount($input: InviteInput!) {
    inviteAccount(input: $input) {
      link
      emailed
      account {
        id
      }
    }
  }
`);

export const ResetAccountPasswordMutation = graphql(`
  mutation ResetAccountPassword($id: ID!) {
    resetAccountPassword(id: $id) {
      link
      emailed
    }
  }
`);

export const SetAccountDisabledMutation = graphql(`
  mutation SetAccountDisabled($id: ID!, $version: Int!, $disabled: Boolean!) {
    setAccountDisabled(id: $id, version: $version, disabled: $disabled) {
      id
      disabled
      version
    }
  }
`);

export const SetAccountRoleMutation = graphql(`
  mutation SetAccountRole($id: ID!, $version: Int!, $role: SystemRole!, $regionId: ID) {
    setAccountRole(id: $id, version: $version, role: $role, regionId: $regionId) {
      id
      systemRole
      regionId
      version
    }
  }
`);

export const PasswordLinkQuery = graphql(`
  query PasswordLink($token: String!) {
    passwordLink(token: $token)
  }
`);

export const SetPasswordWithLinkMutation = graphql(`
  mutation SetPasswordWithLink($token: String!, $password: String!) {
    setPasswordWithLink(token: $token, password: $password)
  }
`);
