/** /members (admin) — the team: add a member by email, change roles, deactivate. */
import { useQuery } from "convex/react";
import type { FunctionReturnType } from "convex/server";
import { api } from "../../../../convex/_generated/api";
import type { Role } from "../../../lib/api-types";
import { Badge, Button, PageHeader, useToast, Options } from "../../../components/ui";
import { DataTable, type Column } from "../../../components/ui/DataTable";
import { NoAccess } from "../../../components/layout/NotFoundPage";
import { useAppMutation } from "../../../lib/useAppMutation";
import { ROLE_LABELS, ROLES } from "../../../../convex/lib/roles";
import { useCan, useMe } from "../hooks/useMe";
import { AddMemberForm } from "../components/AddMemberForm";

export function MembersPage() {
  const isAdmin = useCan("admin");
  if (!isAdmin) return <NoAccess need="admin" />;
  return <Members />;
}

type Member = FunctionReturnType<typeof api.members.list>[number];

function Members() {
  const me = useMe();
  const toast = useToast();
  const members = useQuery(api.members.list);
  const setRole = useAppMutation(api.members.setRole);
  const setActive = useAppMutation(api.members.setActive);

  const changeRole = async (m: Member, role: Role) => {
    const r = await setRole.attempt({ memberId: m._id, role });
    toast.show(r.ok ? `${m.name} is now ${ROLE_LABELS[role].toLowerCase()}.` : r.message, r.ok ? "success" : "error");
  };
  const toggle = async (m: Member) => {
    const r = await setActive.attempt({ memberId: m._id, active: !m.active });
    toast.show(r.ok ? `${m.name} ${m.active ? "deactivated" : "reactivated"}.` : r.message, r.ok ? "success" : "error");
  };

  const columns: Column<Member>[] = [
    {
      key: "name",
      header: "Name",
      priority: "primary",
      cell: (m) => (
        <>
          {m.name}
          {m._id === me?._id && <span className="muted"> (you)</span>}
        </>
      ),
    },
    { key: "email", header: "Email", cell: (m) => m.email },
    {
      key: "role",
      header: "Role",
      cell: (m) => (
        <>
          <label className="visually-hidden" htmlFor={`role-${m._id}`}>
            Role of {m.name}
          </label>
          <select id={`role-${m._id}`} value={m.role} onChange={(e) => void changeRole(m, e.target.value as Role)}>
            <Options values={ROLES} labels={ROLE_LABELS} />
          </select>
        </>
      ),
    },
    {
      key: "status",
      header: "Status",
      cell: (m) => (
        <>
          {m.active ? <Badge tone="success">Active</Badge> : <Badge tone="muted">Inactive</Badge>}
          {m.active && !m.linked && <Badge tone="info">Not signed in yet</Badge>}
        </>
      ),
    },
    {
      key: "actions",
      header: "Actions",
      cell: (m) => (
        <Button size="sm" variant={m.active ? "danger" : "secondary"} onClick={() => void toggle(m)}>
          {m.active ? "Deactivate" : "Reactivate"}
          <span className="visually-hidden"> {m.name}</span>
        </Button>
      ),
    },
  ];

  return (
    <>
      <PageHeader title="Members" />
      <AddMemberForm />
      <h2>Team</h2>
      <DataTable
        caption="Members"
        columns={columns}
        rows={
          members && [...members].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name))
        }
        rowKey={(m) => m._id}
        loadingLabel="Loading members…"
        empty={{ title: "No members yet" }}
      />
    </>
  );
}
