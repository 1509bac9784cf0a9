import { Alert, Badge, Button, CopyButton, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMutation, useQuery } from 'urql';

import { ScrollTable } from '@/components/ScrollTable';
import { SortableTh, useSort } from '@/components/SortableTh';
import { FormError } from '@/components/FormError';
import { ErrorState, Loading } from '@/components/PageState';
import { useProblem } from '@/hooks/useProblem';
import { fieldMessage, problemMessage, toFailure, type ApiFailure } from '@/lib/errors';
import { localName } from '@/lib/names';
import { useMe } from '@/lib/session-context';

import { AccountsQuery, InviteAccountMutation, ResetAccountPasswordMutation, SetAccountDisabledMutation, SetAccountRoleMutation } from '../api/accounts';

const TOWN_ROLES = ['CHAIR', 'EMPLOYMENT_LEAD', 'REFERENT', 'MEMBER'] as const;
const SYSTEM_ROLES = ['ADMIN', 'NATIONAL', 'REGIONAL_COORDINATOR'] as const;

type Issued = { link?: string | null; emailed: boolean };

/** A one-time link the admin passes on when no e-mail went out (SMTP is off). */
function IssuedLink({ issued }: { issued: Issued }) {
  const { t } = useTranslation();
  if (issued.emailed || !issued.link) {
    return (
      <Alert color="teal" role="status">
        {t('accounts.emailed')}
      </Alert>
    );
  }
  const url = `${issued.link.startsWith('/') ? window.location.origin : ''}${issued.link}`;
  return (
    <Alert color="blue" role="status" title={t('accounts.linkTitle')}>
      <Stack gap="xs">
        <Text size="sm">{t('accounts.linkHint')}</Text>
        <Group wrap="nowrap" align="flex-end">
          <TextInput aria-label={t('accounts.linkTitle')} value={url} readOnly dir="ltr" style={{ flex: 1 }} data-testid="issued-link" onFocus={(e) => e.currentTarget.select()} />
          <CopyButton value={url}>{({ copied, copy }) => <Button onClick={copy}>{copied ? t('calendarFeed.copied') : t('calendarFeed.copy')}</Button>}</CopyButton>
        </Group>
      </Stack>
    </Alert>
  );
}

type Option = { value: string; label: string };

function InviteDialog({ towns, regions, isAdmin, onClose }: { towns: Option[]; regions: Option[]; isAdmin: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [{ fetching }, invite] = useMutation(InviteAccountMutation);
  const [issued, setIssued] = useState<Issued | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const roles = [...TOWN_ROLES, ...(isAdmin ? SYSTEM_ROLES : [])].map((r) => ({ value: r, label: t(`roles.${r === 'REFERENT' ? 'REFERENT' : r}`) }));
  const form = useForm({
    initialValues: { email: '', displayName: '', role: 'REFERENT', townId: '', regionId: '' },
    validate: {
      email: (v) => (/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.trim()) ? null : fieldMessage(t, 'invalid_email')),
      displayName: (v) => (v.trim() ? null : fieldMessage(t, 'required')),
      townId: (v, values) => ((TOWN_ROLES as readonly string[]).includes(values.role) && !v ? fieldMessage(t, 'required') : null),
      regionId: (v, values) => (values.role === 'REGIONAL_COORDINATOR' && !v ? fieldMessage(t, 'required') : null),
    },
  });
  const isTownRole = (TOWN_ROLES as readonly string[]).includes(form.values.role);
  const submit = form.onSubmit(async (values) => {
    const result = await invite({
      input: {
        email: values.email.trim(),
        displayName: values.displayName.trim(),
        role: values.role as never,
        townId: isTownRole ? values.townId : null,
        regionId: values.role === 'REGIONAL_COORDINATOR' ? values.regionId : null,
      },
    });
    const problem = toFailure(result.error);
    setFailure(problem);
    for (const [field, error] of Object.entries(problem?.fields ?? {})) form.setFieldError(field, fieldMessage(t, error.code, error.params));
    if (result.data) setIssued(result.data.inviteAccount);
  });
  return (
    <Modal opened onClose={onClose} title={t('accounts.invite')} closeButtonProps={{ 'aria-label': t('accounts.close') }}>
      {issued ? (
        <Stack>
          <IssuedLink issued={issued} />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('accounts.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <TextInput label={t('accounts.email')} dir="ltr" required {...form.getInputProps('email')} />
            <TextInput label={t('accounts.name')} required {...form.getInputProps('displayName')} />
            <Select label={t('accounts.role')} data={roles} allowDeselect={false} {...form.getInputProps('role')} />
            {isTownRole && <Select label={t('accounts.town')} data={towns} searchable required {...form.getInputProps('townId')} />}
            {form.values.role === 'REGIONAL_COORDINATOR' && <Select label={t('accounts.region')} data={regions} required {...form.getInputProps('regionId')} />}
            {failure && Object.keys(failure.fields).length === 0 && <Alert color="red">{problemMessage(t, failure)}</Alert>}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('forum.cancel')}
              </Button>
              <Button type="submit" loading={fetching}>
                {t('accounts.sendInvitation')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}

type Row = { id: string; email: string; displayName: string; systemRole: string; regionId?: string | null; townNameHe?: string | null; townNameEn?: string | null; townNameAr?: string | null; disabled: boolean; pendingInvitation: boolean; version: number };

function RoleDialog({ account, regions, onClose }: { account: Row; regions: Option[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [{ fetching }, save] = useMutation(SetAccountRoleMutation);
  const [role, setRole] = useState(account.systemRole);
  const [regionId, setRegionId] = useState<string | null>(account.regionId ?? null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const options = ['NONE', ...SYSTEM_ROLES].map((r) => ({ value: r, label: r === 'NONE' ? t('accounts.townRolesOnly') : t(`roles.${r}`) }));
  return (
    <Modal opened onClose={onClose} title={`${t('accounts.changeRole')}: ${account.displayName}`} closeButtonProps={{ 'aria-label': t('accounts.close') }}>
      <Stack>
        <Select label={t('accounts.role')} data={options} value={role} allowDeselect={false} onChange={(v) => setRole(v ?? 'NONE')} />
        {role === 'REGIONAL_COORDINATOR' && <Select label={t('accounts.region')} data={regions} value={regionId} onChange={setRegionId} />}
        {failure && <Alert color="red">{problemMessage(t, failure)}</Alert>}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('forum.cancel')}
          </Button>
          <Button
            loading={fetching}
            onClick={async () => {
              const result = await save({ id: account.id, version: account.version, role: role as never, regionId: role === 'REGIONAL_COORDINATOR' ? regionId : null });
              const problem = toFailure(result.error);
              setFailure(problem);
              if (!problem) onClose();
            }}
          >
            {t('forum.save')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** The accounts an administrator (every account) or a coordinator (the region's towns) manages. */
export default function AccountsPage() {
  const { t, i18n } = useTranslation();
  const { me } = useMe();
  const isAdmin = me.systemRole === 'ADMIN';
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search, 250);
  const [{ data, fetching, error }, reload] = useQuery({ query: AccountsQuery, variables: { search: debounced || null } });
  const [, setDisabled] = useMutation(SetAccountDisabledMutation);
  const [, reset] = useMutation(ResetAccountPasswordMutation);
  const [inviting, setInviting] = useState(false);
  const [editing, setEditing] = useState<Row | null>(null);
  const [issued, setIssued] = useState<{ name: string; issued: Issued } | null>(null);
  const { problem, report } = useProblem();
  useEffect(() => {
    document.title = t('accounts.title');
  }, [t]);
  const regions = useMemo(() => (data?.regions ?? []).map((r) => ({ value: r.id, label: localName(r, i18n.language) })), [data, i18n.language]);
  const towns = useMemo(
    () => (data?.towns.items ?? []).filter((town) => isAdmin || town.region.id === me.region?.id).map((town) => ({ value: town.id, label: localName(town, i18n.language) })),
    [data, i18n.language, isAdmin, me.region?.id],
  );
  const act = async (run: () => Promise<Parameters<typeof report>[0]>) => report(await run());
  const townOf = (account: Row) =>
    account.townNameHe && account.townNameEn ? localName({ nameHe: account.townNameHe, nameEn: account.townNameEn, nameAr: account.townNameAr }, i18n.language) : null;
  const roleOf = (account: Row) => (account.systemRole === 'NONE' ? (townOf(account) ?? t('accounts.townRolesOnly')) : t(`roles.${account.systemRole}`));
  const statusOf = (account: Row) => t(account.disabled ? 'accounts.disabled' : account.pendingInvitation ? 'accounts.invited' : 'accounts.active');
  const { sort, sorted, toggle } = useSort<'name' | 'email' | 'role' | 'status', Row>(
    'name',
    (account, column) => ({ name: account.displayName, email: account.email, role: roleOf(account), status: statusOf(account) })[column],
    i18n.language,
  );

  const labels = { name: t('accounts.name'), email: t('accounts.email'), role: t('accounts.role'), status: t('accounts.status') };

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={1}>{t('accounts.title')}</Title>
        <Button onClick={() => setInviting(true)}>{t('accounts.invite')}</Button>
      </Group>
      <TextInput label={t('accounts.search')} value={search} onChange={(e) => setSearch(e.currentTarget.value)} maw={360} />
      <FormError message={problem} />
      {issued && (
        <Stack gap={4}>
          <Text fw={600}>
            <bdi>{issued.name}</bdi>
          </Text>
          <IssuedLink issued={issued.issued} />
        </Stack>
      )}
      {error && <ErrorState error={error} onRetry={() => reload({ requestPolicy: 'network-only' })} />}
      {!data && fetching && <Loading />}
      {data && (
        <ScrollTable minWidth={720} label={t('accounts.title')} stackOnPhone phoneSort={{ labels, sort, onSort: toggle }}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <SortableTh column="name" label={labels.name} sort={sort} onSort={toggle} />
                <SortableTh column="email" label={labels.email} sort={sort} onSort={toggle} />
                <SortableTh column="role" label={labels.role} sort={sort} onSort={toggle} />
                <SortableTh column="status" label={labels.status} sort={sort} onSort={toggle} />
                <Table.Th scope="col">{t('accounts.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {sorted(data?.accounts.items ?? []).map((account) => (
                <Table.Tr key={account.id}>
                  <Table.Td fw={500}>
                    <bdi>{account.displayName}</bdi>
                  </Table.Td>
                  <Table.Td data-label={labels.email}>
                    <bdi dir="ltr">{account.email}</bdi>
                  </Table.Td>
                  <Table.Td data-label={labels.role}>{roleOf(account)}</Table.Td>
                  <Table.Td data-label={labels.status}>
                    <Badge color={account.disabled ? 'red.9' : account.pendingInvitation ? 'orange.9' : 'teal.9'} variant="outline">
                      {statusOf(account)}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Group gap="xs" wrap="nowrap">
                      {account.id !== me.id && (
                        <Button
                          size="xs"
                          variant="default"
                          aria-label={`${t(account.disabled ? 'accounts.enable' : 'accounts.disable')}: ${account.displayName}`}
                          onClick={() => void act(() => setDisabled({ id: account.id, version: account.version, disabled: !account.disabled }))}
                        >
                          {t(account.disabled ? 'accounts.enable' : 'accounts.disable')}
                        </Button>
                      )}
                      <Button
                        size="xs"
                        variant="default"
                        aria-label={`${t('accounts.resetLink')}: ${account.displayName}`}
                        onClick={async () => {
                          const result = await reset({ id: account.id });
                          if (report(result) && result.data) setIssued({ name: account.displayName, issued: result.data.resetAccountPassword });
                        }}
                      >
                        {t('accounts.resetLink')}
                      </Button>
                      {isAdmin && (
                        <Button size="xs" variant="default" aria-label={`${t('accounts.changeRole')}: ${account.displayName}`} onClick={() => setEditing(account)}>
                          {t('accounts.changeRole')}
                        </Button>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </ScrollTable>
      )}
      {inviting && (
        <InviteDialog
          towns={towns}
          regions={regions}
          isAdmin={isAdmin}
          onClose={() => {
            setInviting(false);
            reload({ requestPolicy: 'network-only' });
          }}
        />
      )}
      {editing && (
        <RoleDialog
          account={editing}
          regions={regions}
          onClose={() => {
            setEditing(null);
            reload({ requestPolicy: 'network-only' });
          }}
        />
      )}
    </Stack>
  );
}
