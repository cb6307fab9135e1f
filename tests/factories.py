"""factory_boy factories for every model the tests build."""
import factory
from django.contrib.auth import get_user_model

from actors.models import Actor, Alias, Region
from briefings.models import Briefing, Revision, Subscription, Suggestion
from claims.models import Citation, Claim
from sources.models import Article, Mention, Outlet


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Region {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")
    kind = Region.Kind.CITY


class ActorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Actor

    name = factory.Sequence(lambda n: f"Actor {n}")
    slug = factory.Sequence(lambda n: f"actor-{n}")
    kind = Actor.Kind.PERSON


class AliasFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Alias

    name = factory.Sequence(lambda n: f"Alias {n}")
    actor = factory.SubFactory(ActorFactory)


class OutletFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Outlet

    name = factory.Sequence(lambda n: f"Outlet {n}")
    slug = factory.Sequence(lambda n: f"outlet-{n}")


class ArticleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Article

    title = factory.Sequence(lambda n: f"Article {n}")
    url = factory.Sequence(lambda n: f"https://news.example.org/{n}")
    text = factory.Sequence(lambda n: f"Officials in Kirkuk said on Thursday that the road had reopened ({n}).")
    outlet = factory.SubFactory(OutletFactory)
    status = Article.Status.DONE


class MentionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Mention

    article = factory.SubFactory(ArticleFactory)
    start = 13
    end = 19
    text = "Kirkuk"


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    text = factory.Sequence(lambda n: f"The road to Kirkuk reopened ({n}).")
    speaker = factory.SubFactory(ActorFactory)


class CitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Citation

    claim = factory.SubFactory(ClaimFactory)
    article = factory.SubFactory(ArticleFactory)
    start = 0
    end = factory.LazyAttribute(lambda c: len(c.quote))
    quote = "Officials in Kirkuk"
    cue = "said"


class BriefingFactory(factory.django.DjangoModelFactory):
    """A briefing with a first draft revision, built through the service as the app does."""

    class Meta:
        model = Briefing

    title = factory.Sequence(lambda n: f"Briefing {n}")
    body = "Opening text."

    @classmethod
    def _create(cls, model_class, *args, title, body, **kwargs):
        from briefings.services import briefing_create

        return briefing_create(title=title, body=body, **kwargs)


class RevisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Revision

    briefing = factory.SubFactory(BriefingFactory)
    number = factory.Sequence(lambda n: n + 100)
    body = "Text."


class SuggestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Suggestion

    briefing = factory.SubFactory(BriefingFactory)
    claim = factory.SubFactory(ClaimFactory)
    text = "Officials said the road reopened."


class SubscriptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscription

    user = factory.SubFactory(UserFactory)
    briefing = factory.SubFactory(BriefingFactory)
