/** /members (admin) — the team: add a member by email, change roles, deactivate. */
import { useQuery } from "convex/react";
import { api } from "../../../../convex/_generated/api";
import type { Doc } from "../../../../convex/_generated/dataModel";
import type { Role } from "../../../lib/api-types";
import { Badge, Button, EmptyState, Loading, PageHeader, Table, useToast } from "../../../components/ui";
import { NoAccess } from "../../../components/layout/NotFoundPage";
import { useAppMutation } from "../../../lib/useAppMutation";
import { ROLE_LABELS, ROLE_OPTIONS } from "../../../lib/roles";
import { useCan, useMe } from "../hooks/useMe";
import { AddMemberForm } from "../components/AddMemberForm";

export function MembersPage() {
  const isAdmin = useCan("admin");
  if (!isAdmin) return <NoAccess need="admin" />;
  return <Members />;
}

function Members() {
  const me = useMe();
  const toast = useToast();
  const members = useQuery(api.members.list);
  const setRole = useAppMutation(api.members.setRole);
  const setActive = useAppMutation(api.members.setActive);

  const changeRole = async (m: Doc<"members">, role: Role) => {
    const r = await setRole.attempt({ memberId: m._id, role });
    toast.show(r.ok ? `${m.name} is now ${ROLE_LABELS[role].toLowerCase()}.` : r.message, r.ok ? "success" : "error");
  };
  const toggle = async (m: Doc<"members">) => {
    const r = await setActive.attempt({ memberId: m._id, active: !m.active });
    toast.show(r.ok ? `${m.name} ${m.active ? "deactivated" : "reactivated"}.` : r.message, r.ok ? "success" : "error");
  };

  return (
    <>
      <PageHeader title="Members" />
      <AddMemberForm />
      <h2>Team</h2>
      {members === undefined ? (
        <Loading label="Loading members…" />
      ) : members.length === 0 ? (
        <EmptyState title="No members yet" />
      ) : (
        <Table caption="Members" className="table-cards">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Email</th>
              <th scope="col">Role</th>
              <th scope="col">Status</th>
              <th scope="col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {[...members]
              .sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name))
              .map((m) => (
                <tr key={m._id}>
                  <td data-label="Name">
                    {m.name}
                    {m._id === me?._id && <span className="muted"> (you)</span>}
                  </td>
                  <td data-label="Email">{m.email}</td>
                  <td data-label="Role">
                    <label className="visually-hidden" htmlFor={`role-${m._id}`}>
                      Role of {m.name}
                    </label>
                    <select id={`role-${m._id}`} value={m.role} onChange={(e) => void changeRole(m, e.target.value as Role)}>
                      {ROLE_OPTIONS.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_LABELS[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td data-label="Status">
                    {m.active ? <Badge tone="success">Active</Badge> : <Badge tone="muted">Inactive</Badge>}
                    {m.active && !m.linked && <Badge tone="info">Not signed in yet</Badge>}
                  </td>
                  <td data-label="Actions">
                    <Button size="sm" variant={m.active ? "danger" : "secondary"} onClick={() => void toggle(m)}>
                      {m.active ? "Deactivate" : "Reactivate"}
                      <span className="visually-hidden"> {m.name}</span>
                    </Button>
                  </td>
                </tr>
              ))}
          </tbody>
        </Table>
      )}
    </>
  );
}
