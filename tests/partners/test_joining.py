"""People join an organisation or a cohort through its invitation link, and managers
make cohorts; no page of one organisation is open to another's people."""

from datetime import date
from http import HTTPStatus

from django.contrib.auth.views import redirect_to_login
from django.urls import reverse

from learning import services as learning
from learning.models import Enrolment, LearningEvent
from partners.models import Cohort, CohortMember, Membership
from tests.factories.partners import (
    CohortFactory,
    ManagerFactory,
    OrganisationFactory,
    OrganisationTraineeFactory,
)


def join_url(code: str) -> str:
    return reverse("partners:join", args=[code])


# Invitation links


def test_the_organisation_link_says_what_joining_means_and_joins(
    client, academy, trainee
):
    client.force_login(trainee)
    page = client.get(join_url(academy.invite_code))
    html = page.content.decode()
    assert "Join Police Academy" in html
    assert "The managers of Police Academy will see your progress" in html

    response = client.post(join_url(academy.invite_code))
    assert response["Location"] == reverse("learning:dashboard")
    membership = Membership.objects.get(organisation=academy, user=trainee)
    assert membership.role == Membership.Role.TRAINEE
    assert not CohortMember.objects.exists()


def test_the_cohort_link_joins_the_cohort_and_enrols_in_its_courses(
    client, academy, cohort, course, trainee
):
    client.force_login(trainee)
    page = client.get(join_url(cohort.invite_code)).content.decode()
    assert "Intake 1" in page and "Cybercrime basics" in page

    client.post(join_url(cohort.invite_code))
    assert Membership.objects.filter(organisation=academy, user=trainee).exists()
    assert list(cohort.members.all()) == [trainee]
    assert learning.enrolment_for(trainee, course) is not None


def test_joining_twice_changes_nothing(client, academy, cohort, course, trainee):
    client.force_login(trainee)
    client.post(join_url(cohort.invite_code))
    learning.leave(trainee, course)
    events = LearningEvent.objects.count()

    again = client.post(join_url(cohort.invite_code), follow=True)
    assert "You were already a member of Police Academy." in again.content.decode()
    client.post(join_url(academy.invite_code))
    assert Membership.objects.filter(user=trainee).count() == 1
    assert CohortMember.objects.filter(user=trainee).count() == 1
    assert learning.enrolment_for(trainee, course) is None  # they had left: kept so
    assert LearningEvent.objects.count() == events
    assert (
        "already a member" in client.get(join_url(cohort.invite_code)).content.decode()
    )


def test_a_manager_who_joins_stays_a_manager(client, academy, cohort, manager):
    client.force_login(manager)
    client.post(join_url(cohort.invite_code))
    assert Membership.objects.get(user=manager).role == Membership.Role.MANAGER
    assert list(cohort.members.all()) == [manager]


def test_anonymous_visitors_log_in_or_sign_up_first(client, cohort):
    url = join_url(cohort.invite_code)
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][0] == redirect_to_login(url).url
    html = response.content.decode()
    assert "To join Police Academy, log in or create an account." in html
    assert f"/accounts/signup/?next={url.replace('/', '%2F')}" in html
    assert client.post(url)["Location"] == redirect_to_login(url).url
    assert not Membership.objects.exists()


def test_an_unknown_code_is_not_found(client, trainee):
    client.force_login(trainee)
    assert client.get(join_url("no-such-code")).status_code == HTTPStatus.NOT_FOUND


# Cohorts


def test_a_manager_creates_a_cohort(manager_client, academy, course):
    response = manager_client.post(
        reverse("partners:cohort_create", args=[academy.pk]),
        {
            "name": "Prosecutors 2026",
            "courses": [course.pk],
            "start_date": "2026-04-01",
            "end_date": "2026-04-01",
        },
    )
    cohort = Cohort.objects.get(name="Prosecutors 2026")
    assert response["Location"] == reverse(
        "partners:cohort", args=[academy.pk, cohort.pk]
    )
    assert (cohort.organisation, list(cohort.courses.all())) == (academy, [course])


def test_a_cohort_needs_a_new_name_a_course_and_an_end_after_its_start(
    manager_client, academy, cohort, course
):
    url = reverse("partners:cohort_create", args=[academy.pk])
    response = manager_client.post(
        url,
        {"name": " intake 1 ", "start_date": "2026-05-02", "end_date": "2026-05-01"},
    )
    html = response.content.decode()
    assert "Your organisation already has a cohort called “intake 1”." in html
    assert "Choose at least one course." in html
    assert "The end date is before the start date." in html
    assert Cohort.objects.count() == 1

    # Another organisation may use the same name.
    other = OrganisationFactory(name="Ministry")
    ManagerFactory(organisation=other, email="other-manager@example.org")
    manager_client.force_login(other.memberships.get().user)
    manager_client.post(
        reverse("partners:cohort_create", args=[other.pk]),
        {
            "name": "Intake 1",
            "courses": [course.pk],
            "start_date": "2026-05-01",
            "end_date": "2026-06-01",
        },
    )
    assert Cohort.objects.filter(name="Intake 1").count() == 2


def test_the_cohort_page_lists_members_and_its_invitation_link(
    manager_client, academy, cohort
):
    OrganisationTraineeFactory(
        cohort=cohort, email="amina@example.org", job_role="judge", country="UG"
    )
    html = manager_client.get(
        reverse("partners:cohort", args=[academy.pk, cohort.pk])
    ).content.decode()
    assert "amina@example.org" in html and "Judge" in html and "Uganda" in html
    assert f'value="http://testserver{join_url(cohort.invite_code)}"' in html
    assert f"{reverse('partners:import', args=[academy.pk])}?cohort={cohort.pk}" in html
    listing = manager_client.get(reverse("partners:cohorts", args=[academy.pk]))
    assert "Intake 1" in listing.content.decode()
    assert join_url(academy.invite_code) in listing.content.decode()


def test_another_organisations_cohort_is_not_found(manager_client, academy, course):
    theirs = CohortFactory(
        organisation=OrganisationFactory(name="Ministry"),
        name="Theirs",
        courses=[course],
        start_date=date(2026, 1, 1),
        end_date=date(2026, 2, 1),
    )
    response = manager_client.get(
        reverse("partners:cohort", args=[academy.pk, theirs.pk])
    )
    assert response.status_code == HTTPStatus.NOT_FOUND


def test_trainees_and_other_managers_get_not_found_on_every_manager_page(
    client, academy, cohort
):
    trainee = OrganisationTraineeFactory(cohort=cohort, email="amina@example.org")
    outsider = ManagerFactory(
        organisation=OrganisationFactory(name="Ministry"), email="outsider@example.org"
    )
    urls = [
        reverse("partners:cohorts", args=[academy.pk]),
        reverse("partners:cohort_create", args=[academy.pk]),
        reverse("partners:cohort", args=[academy.pk, cohort.pk]),
        reverse("partners:import", args=[academy.pk]),
    ]
    for person in (trainee, outsider):
        client.force_login(person)
        for url in urls:
            assert client.get(url).status_code == HTTPStatus.NOT_FOUND, url
            assert client.post(url).status_code == HTTPStatus.NOT_FOUND, url
    client.logout()
    for url in urls:
        assert client.get(url)["Location"] == redirect_to_login(url).url


def test_a_new_person_signs_up_from_the_link_and_comes_back_to_it(
    client, cohort, mailoutbox
):
    url = join_url(cohort.invite_code)
    client.post(
        f"{reverse('account_signup')}?next={url}",
        {
            "email": "new@example.org",
            "password1": "a long passphrase 2026",
            "password2": "a long passphrase 2026",
            "certificate_name": "New Person",
            "country": "KE",
            "agency": "Police",
            "job_role": "investigator",
            "preferred_language": "en",
        },
    )
    confirm_url = mailoutbox[-1].body.split("http://testserver")[1].split()[0]
    assert client.post(confirm_url)["Location"] == url
    assert not Enrolment.objects.exists()
    client.post(url)
    assert cohort.members.get().email == "new@example.org"
