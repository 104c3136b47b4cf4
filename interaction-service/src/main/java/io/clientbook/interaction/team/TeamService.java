package io.clientbook.interaction.team;

import io.clientbook.interaction.care.CareClock;
import io.clientbook.interaction.team.dto.TeamInput;
import io.clientbook.interaction.team.dto.TeamPage;
import io.clientbook.interaction.team.dto.TeamView;
import io.clientbook.interaction.support.NameCursor;
import io.clientbook.platform.problem.ProblemException;
import io.clientbook.platform.web.Paging;
import io.clientbook.platform.web.Preconditions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Teams: admin-managed, unique by name (case-insensitive). */
@ApplicationScoped
public class TeamService {

    private final EntityManager em;
    private final CareClock clock;

    TeamService(EntityManager em, CareClock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Transactional
    public TeamView create(TeamInput input) {
        requireUniqueName(input.name(), null);
        Team team = new Team();
        team.id = UUID.randomUUID();
        team.createdAt = clock.now();
        apply(team, input);
        em.persist(team);
        em.flush();
        return view(team);
    }

    @Transactional
    public TeamView replace(UUID id, TeamInput input, String ifMatch) {
        Team team = find(id);
        Preconditions.requireMatch(ifMatch, team.version);
        requireUniqueName(input.name(), id);
        apply(team, input);
        em.flush();
        return view(team);
    }

    @Transactional
    public void delete(UUID id, String ifMatch) {
        Team team = find(id);
        Preconditions.requireMatch(ifMatch, team.version);
        em.createNativeQuery("update follow_up set team_id = null where team_id = :id").setParameter("id", id).executeUpdate();
        em.remove(team);
    }

    public TeamView get(UUID id) {
        return view(find(id));
    }

    public TeamPage list(String cursor, Integer limit) {
        int size = Paging.limit(limit);
        NameCursor after = NameCursor.parse(cursor);
        List<Team> teams = em.createQuery("""
                        select t from Team t where lower(t.name) > :name or (lower(t.name) = :name and t.id > :id)
                         order by lower(t.name), t.id""", Team.class)
                .setParameter("name", after.name()).setParameter("id", after.id()).setMaxResults(size + 1).getResultList();
        boolean more = teams.size() > size;
        List<Team> shown = more ? teams.subList(0, size) : teams;
        String next = more ? NameCursor.after(shown.getLast().name, shown.getLast().id) : null;
        return new TeamPage(shown.stream().map(TeamService::view).toList(), next);
    }

    private Team find(UUID id) {
        Team team = em.find(Team.class, id);
        if (team == null) {
            throw new ProblemException.NotFound("Team", id);
        }
        return team;
    }

    private void requireUniqueName(String name, UUID except) {
        List<UUID> same = em.createQuery("select t.id from Team t where lower(t.name) = :name", UUID.class)
                .setParameter("name", name.trim().toLowerCase(Locale.ROOT)).getResultList();
        if (same.stream().anyMatch(id -> !id.equals(except))) {
            throw new ProblemException(409, "/problems/conflict", "Name taken", "Another team is called " + name.trim(),
                    List.of(), java.util.Map.of("field", "name"));
        }
    }

    private void apply(Team team, TeamInput input) {
        team.name = input.name().trim();
        team.managerId = input.managerId();
        team.members = new LinkedHashSet<>(input.members() == null ? List.of() : input.members());
        team.updatedAt = clock.now();
    }

    private static TeamView view(Team t) {
        return new TeamView(t.id, t.name, t.managerId, new ArrayList<>(t.members), t.version, t.createdAt, t.updatedAt);
    }
}
