package io.clientbook.interaction.team;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** What other features ask of teams: a user's team and a team's manager. */
@ApplicationScoped
public class Teams {

    private final EntityManager em;

    Teams(EntityManager em) {
        this.em = em;
    }

    /** The team a user works in: the first by name among those it is a member of. */
    public Optional<UUID> teamOf(String userId) {
        if (userId == null) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                        select t.id from team t join team_member m on m.team_id = t.id where m.user_id = :user
                         order by lower(t.name) limit 1""")
                .setParameter("user", userId).getResultList();
        return ids.stream().findFirst();
    }

    /** Each user's team for assignment (the first by name it is a member of), for many users in one query. */
    public java.util.Map<String, UUID> teamOf(java.util.Collection<String> userIds) {
        java.util.Map<String, UUID> teams = new java.util.HashMap<>();
        if (userIds.isEmpty()) {
            return teams;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                        select distinct on (m.user_id) m.user_id, t.id from team_member m join team t on t.id = m.team_id
                         where m.user_id = any(:users) order by m.user_id, lower(t.name)""")
                .setParameter("users", userIds.toArray(String[]::new)).getResultList();
        rows.forEach(row -> teams.put((String) row[0], (UUID) row[1]));
        return teams;
    }

    public Optional<String> managerOf(UUID teamId) {
        if (teamId == null) {
            return Optional.empty();
        }
        Team team = em.find(Team.class, teamId);
        return Optional.ofNullable(team == null ? null : team.managerId);
    }

    public boolean exists(UUID teamId) {
        return em.find(Team.class, teamId) != null;
    }

    /** The teams a user belongs to or manages (what a team agenda may show it). */
    public List<UUID> teamsOf(String userId) {
        @SuppressWarnings("unchecked")
        List<UUID> ids = em.createNativeQuery("""
                        select t.id from team t where t.manager_id = :user
                        union select m.team_id from team_member m where m.user_id = :user""")
                .setParameter("user", userId).getResultList();
        return ids;
    }
}
